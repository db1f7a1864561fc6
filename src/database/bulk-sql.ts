import type { EntityManager } from 'typeorm';

type Row = Record<string, unknown>;

/** Bound values per statement: under SQLite's 32 766 and PostgreSQL's 65 535. */
const MAX_VALUES = 30_000;

const placeholders = (m: Pick<EntityManager, 'connection'>) =>
  m.connection.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';

/**
 * Multi-row `INSERT INTO table (columns) VALUES (…), (…) <suffix>` in as few statements as the
 * engines' limits on bound values allow, with `?` (SQLite) or `$n` (PostgreSQL) placeholders.
 * `suffix` is e.g. `ON CONFLICT (key) DO NOTHING RETURNING id` (both engines); the rows it returns
 * are concatenated. Use it inside a transaction when the statements must be atomic.
 */
export async function insertMany(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<Row[]> {
  const mark = placeholders(m);
  const per = Math.max(1, Math.floor(MAX_VALUES / columns.length));
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const values: unknown[] = [];
    const tuples = rows.slice(i, i + per).map((row) => {
      const marks = row.map((v) => {
        values.push(v);
        return mark(values.length);
      });
      return `(${marks.join(', ')})`;
    });
    const result = await m.query<unknown>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`,
      values,
    );
    if (Array.isArray(result)) out.push(...(result as Row[]));
  }
  return out;
}

/**
 * Runs `sql`, whose one `(:in)` stands for a list of values, over any number of values: in chunks
 * under the engines' limits (`SELECT … WHERE key IN (:in)`, `UPDATE … WHERE id IN (:in)`). `fixed`
 * values are bound to `:f0`, `:f1` … in every chunk; they must stand before `(:in)` in the text.
 * Returns the rows of every chunk, concatenated (none for an UPDATE).
 */
export async function queryIn(
  m: EntityManager,
  sql: string,
  values: readonly unknown[],
  fixed: readonly unknown[] = [],
): Promise<Row[]> {
  const mark = placeholders(m);
  const statement = sql.replace(/:f(\d+)\b/g, (_, i: string) => mark(Number(i) + 1));
  const out: Row[] = [];
  const per = MAX_VALUES - fixed.length;
  for (let i = 0; i < values.length; i += per) {
    const chunk = values.slice(i, i + per);
    const marks = chunk.map((_, j) => mark(fixed.length + j + 1)).join(', ');
    const result = await m.query<unknown>(statement.replace('(:in)', `(${marks})`), [
      ...fixed,
      ...chunk,
    ]);
    if (Array.isArray(result) && !sql.trimStart().toUpperCase().startsWith('UPDATE'))
      out.push(...(result as Row[]));
  }
  return out;
}
