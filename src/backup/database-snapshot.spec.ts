import { Readable } from 'node:stream';
import { SchemaRename } from './database-snapshot.js';

async function rename(sql: string, from: string, to: string, chunk = 7): Promise<string> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < sql.length; i += chunk) pieces.push(Buffer.from(sql.slice(i, i + chunk)));
  let out = '';
  for await (const c of Readable.from(pieces).pipe(new SchemaRename(from, to)))
    out += (c as Buffer).toString();
  return out;
}

const DUMP = [
  "SELECT pg_catalog.set_config('search_path', '', false);",
  'CREATE SCHEMA mutu_a;',
  'CREATE TYPE mutu_a.rating_enum AS ENUM (',
  "    'met'",
  ');',
  'CREATE TABLE mutu_a.unit (',
  "    rating mutu_a.rating_enum DEFAULT 'met'::mutu_a.rating_enum,",
  '    mutu_ab integer',
  ');',
  'COPY mutu_a.unit (rating, mutu_ab) FROM stdin;',
  'met\tmutu_a.unit is data, kept',
  '\\.',
  'ALTER TABLE ONLY mutu_a.unit ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES mutu_a.other(id);',
  '',
].join('\n');

describe('SchemaRename', () => {
  it('moves every statement to the target schema, never touching COPY data', async () => {
    expect(await rename(DUMP, 'mutu_a', 'mutu_b')).toBe(
      [
        "SELECT pg_catalog.set_config('search_path', '', false);",
        'CREATE TYPE mutu_b.rating_enum AS ENUM (',
        "    'met'",
        ');',
        'CREATE TABLE mutu_b.unit (',
        "    rating mutu_b.rating_enum DEFAULT 'met'::mutu_b.rating_enum,",
        '    mutu_ab integer',
        ');',
        'COPY mutu_b.unit (rating, mutu_ab) FROM stdin;',
        'met\tmutu_a.unit is data, kept',
        '\\.',
        'ALTER TABLE ONLY mutu_b.unit ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES mutu_b.other(id);',
        '',
      ].join('\n'),
    );
  });

  it('into the same schema drops only the CREATE SCHEMA line', async () => {
    expect(await rename(DUMP, 'mutu_a', 'mutu_a', 1000)).toBe(
      DUMP.replace('CREATE SCHEMA mutu_a;\n', ''),
    );
  });
});
