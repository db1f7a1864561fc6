import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root.js';

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

const PLURAL_FORM = /\.(?:zero|one|two|few|many|other)$/;

describe('page texts', () => {
  it.each(['id', 'en'])('every key the pages use is translated in %s', (lang) => {
    const messages = catalogue(lang);
    const used = [...keysUsed()];
    expect(used.length).toBeGreaterThan(150);
    expect(used.filter((k) => !(k in messages) && !(`${k}.other` in messages))).toEqual([]);
  });

  // A key in plural forms (key.one, key.other) counts as the key: each language has its own forms.
  const keys = (lang: string): string[] => [
    ...new Set(Object.keys(catalogue(lang)).map((k) => k.replace(PLURAL_FORM, ''))),
  ];

  it('Indonesian and English have the same keys', () => {
    const id = keys('id').sort();
    const en = keys('en').sort();
    expect(en.filter((k) => !id.includes(k))).toEqual([]);
    expect(id.filter((k) => !en.includes(k))).toEqual([]);
  });

  it.each(['id', 'en'])('every key in plural forms has an "other" form in %s', (lang) => {
    const all = Object.keys(catalogue(lang));
    const plural = all.filter((k) => /\.(?:zero|one|two|few|many)$/.test(k));
    expect(plural.filter((k) => !all.includes(k.replace(PLURAL_FORM, '.other')))).toEqual([]);
  });
});
