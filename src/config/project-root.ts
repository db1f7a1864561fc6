import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding package.json, templates/ and seeds/, from src/ (tests) or dist/src/ (build). */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('Cannot find the Mutu project folder (package.json with templates/)');
    dir = parent;
  }
  root = dir;
  return root;
}
