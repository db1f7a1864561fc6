// Generates src/openapi-metadata.ts: the @nestjs/swagger plugin's metadata (DTO properties with their
// types, controller methods' return types), read from the TypeScript sources by @nestjs/cli's
// PluginMetadataGenerator. The build runs plain `tsc`, so the plugin never transforms the code;
// SwaggerModule.loadPluginMetadata() reads this file instead. Not committed: written before
// `npm run build` and `npm run typecheck` (pre-scripts) and by Jest's global setup, whenever it is
// missing or older than a source file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const FILENAME = 'openapi-metadata.ts';
export const METADATA_FILE = join(root, 'src', FILENAME);

export function generateOpenApiMetadata() {
  const tsconfigPath = join(root, 'tsconfig.build.json');
  const visitor = new ReadonlyVisitor({
    pathToSource: join(root, 'src'),
    dtoFileNameSuffix: ['.dto.ts', '.responses.ts'],
    controllerFileNameSuffix: ['.controller.ts'],
    classValidatorShim: true,
    introspectComments: true,
  });
  new PluginMetadataGenerator().generate({
    visitors: [visitor],
    outputDir: join(root, 'src'),
    filename: FILENAME,
    tsProgramRef: ReadonlyVisitor.createTsProgram(tsconfigPath),
    printDiagnostics: false,
  });
}

/** Newest modification time of the TypeScript sources the metadata is read from. */
function newestSource(dir = join(root, 'src')) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && path !== METADATA_FILE)
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Regenerates the file when it is missing or older than a source file (or always with --force). */
export function ensureOpenApiMetadata({ force = false } = {}) {
  if (force || !existsSync(METADATA_FILE) || statSync(METADATA_FILE).mtimeMs < newestSource())
    generateOpenApiMetadata();
}

/** Jest global setup: a fresh clone has no generated file until the first build or typecheck. */
export default function jestGlobalSetup() {
  ensureOpenApiMetadata();
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  ensureOpenApiMetadata({ force: process.argv.includes('--force') });
