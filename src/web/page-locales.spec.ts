import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';

const root = projectRoot();
const catalogue = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(join(root, 'templates', 'locales', `${lang}.json`), 'utf8')) as Record<
    string,
    string
  >;

function filesIn(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

/** Every message key the pages and their controllers name literally. */
function keysUsed(): Set<string> {
  const keys = new Set<string>();
  for (const file of filesIn(join(root, 'templates', 'pages'), '.hbs'))
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt "([a-z0-9_.]+)"/g)) keys.add(m[1]);
  for (const file of filesIn(join(root, 'src', 'web'), '.ts'))
    for (const m of readFileSync(file, 'utf8').matchAll(
      /(?:translate\([^,()]+, |frameFor\(req, |\bt\()'([a-z0-9_.]+)'/g,
    ))
      keys.add(m[1]);
  return keys;
}

describe('page texts', () => {
  it.each(['id', 'en'])('every key the pages use is translated in %s', (lang) => {
    const messages = catalogue(lang);
    const used = [...keysUsed()];
    expect(used.length).toBeGreaterThan(150);
    expect(used.filter((k) => !(k in messages))).toEqual([]);
  });

  it('Indonesian and English have the same keys', () => {
    const id = Object.keys(catalogue('id')).sort();
    const en = Object.keys(catalogue('en')).sort();
    expect(en.filter((k) => !id.includes(k))).toEqual([]);
    expect(id.filter((k) => !en.includes(k))).toEqual([]);
  });
});
