import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * The import direction of eslint.config.js bites: ESLint's own API lints in-memory files that
 * break each rule (and one that keeps to it), with the very blocks `npm run lint` uses.
 */
const root = path.resolve(import.meta.dirname, '..');
const config = (await import(new URL('../eslint.config.js', import.meta.url).href)) as {
  default: Linter.Config[];
  importDirection: Linter.Config[];
};

const linter = new Linter({ configType: 'flat', cwd: root });
const setup: Linter.Config = {
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  plugins: {
    '@typescript-eslint': tseslint.plugin as unknown as NonNullable<
      Linter.Config['plugins']
    >[string],
  },
};

function problems(file: string, code: string): string[] {
  return linter
    .verify(code, [setup, ...config.importDirection], path.join(root, file))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import direction (eslint.config.js)', () => {
  it('is part of the configuration `npm run lint` runs', () => {
    for (const block of config.importDirection) expect(config.default).toContain(block);
  });

  it.each([
    [
      'a module importing a page',
      'src/auth/auth.service.ts',
      "import { x } from '../web/forms.js';",
      'Nothing imports web/',
    ],
    [
      'a feature folder importing the app module',
      'src/findings/findings.service.ts',
      "import { AppModule } from '../app.module.js';",
      'app module',
    ],
    [
      'a page importing the app module',
      'src/web/home.controller.ts',
      "import { AppModule } from '../app.module.js';",
      'app module',
    ],
    [
      'a module importing reports/',
      'src/evidence/evidence.service.ts',
      "import { x } from '../reports/report-batch.js';",
      'reports/ is imported only by',
    ],
    [
      'a module importing reports/ only as a type',
      'src/readiness/readiness.service.ts',
      "import type { X } from '../reports/report-batch.js';",
      'reports/ is imported only by',
    ],
    [
      'health importing more of reports/ than the renderer',
      'src/health/health.controller.ts',
      "import { x } from '../reports/reports.service.js';",
      'reports/ is imported only by',
    ],
    [
      'openapi/ importing a value from a module',
      'src/openapi/common.responses.ts',
      "import { AuthService } from '../auth/auth.service.js';",
      'only as types',
    ],
    [
      'readiness.ts importing a service',
      'src/readiness/readiness.ts',
      "import { EvidenceService } from '../evidence/evidence.service.js';",
      'pure *-rules/*-types',
    ],
    [
      'readiness.ts importing a lifecycle file',
      'src/readiness/readiness.ts',
      "import { nextStates } from '../findings/finding-lifecycle.js';",
      'pure *-rules/*-types',
    ],
  ])('rejects %s', (_what, file, code, why) => {
    const found = problems(file, `${code}\nexport const keep = 1;\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('@typescript-eslint/no-restricted-imports');
    expect(found[0]).toContain(why);
  });

  it.each([
    [
      'a page importing reports/ and modules',
      'src/web/work-page.ts',
      "import { x } from '../reports/report-batch.js';\nimport { y } from '../findings/findings.service.js';",
    ],
    [
      'the CLI importing the app module',
      'src/cli/render-command.ts',
      "import { AppModule } from '../app.module.js';\nimport { x } from '../reports/report-batch.js';",
    ],
    [
      'the entry point importing pages',
      'src/app.ts',
      "import { PageRenderer } from './web/page-renderer.js';",
    ],
    [
      'a controller importing its response classes',
      'src/findings/findings.controller.ts',
      "import { FindingResponse } from '../openapi/findings.responses.js';",
    ],
    [
      'openapi/ importing a module type',
      'src/openapi/findings.responses.ts',
      "import type { FindingView } from '../findings/finding-views.js';",
    ],
    [
      'readiness.ts importing rules, types and common',
      'src/readiness/readiness.ts',
      "import { isExpired } from '../evidence/evidence-rules.js';\nimport type { Rating } from '../assessments/assessment-types.js';\nimport { addDays } from '../common/dates.js';",
    ],
    [
      'health importing the PDF renderer',
      'src/health/health.controller.ts',
      "import { PdfRendererProvider } from '../reports/pdf-renderer.provider.js';",
    ],
  ])('allows %s', (_what, file, code) => {
    expect(problems(file, `${code}\nexport const keep = 1;\n`)).toEqual([]);
  });
});
