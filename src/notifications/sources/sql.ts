import type { EntityManager } from 'typeorm';

export type Row = Record<string, unknown>;

/** Runs SQL with `:named` parameters on either engine. */
export async function run(
  m: EntityManager,
  sql: string,
  params: Record<string, unknown> = {},
): Promise<Row[]> {
  const [query, values] = m.connection.driver.escapeQueryWithParameters(sql, params);
  return m.query<Row[]>(query, values);
}

/** An instant as both engines store it (UTC wall clock text), for comparisons in SQL. */
export const sqlInstant = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/** An instant read back: a Date (PostgreSQL) or UTC text (SQLite). */
export const instant = (value: unknown): Date =>
  value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`);

/** A calendar day read as text: queries CAST date columns AS VARCHAR(10). */
export const text = (value: unknown): string => String(value);
