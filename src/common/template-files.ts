import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The Handlebars sources (`*.hbs`) of one folder, by name without the extension, sorted by name. */
export function templateFiles(dir: string): { name: string; source: string }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => ({
      name: basename(file, '.hbs'),
      source: readFileSync(join(dir, file), 'utf8'),
    }));
}
