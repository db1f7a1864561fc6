/*
 * What the benchmarks share: the engines, a deterministic generator, bulk inserts of generated
 * rows, a PostgreSQL schema of their own, timing and the tables they print.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { insertMany } from '../../src/database/bulk-sql.js';

export type Engine = 'sqlite' | 'postgres';

export const POSTGRES_URL =
  process.env.MUTU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The engines to run: BENCH_ENGINES=sqlite (or postgres) for one. */
export const benchEngines = (): Engine[] =>
  (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];

/** A small deterministic generator, so every run measures the same data set. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Generated rows as multi-row INSERTs, within each engine's limit on bound values. */
export async function insertRows(
  db: DataSource | EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  await insertMany('manager' in db ? db.manager : db, table, columns, rows);
}

export async function withPg<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Whether the PostgreSQL server answers (a bench skips the engine otherwise). */
export async function postgresAnswers(): Promise<boolean> {
  return withPg(() => Promise.resolve(true)).catch(() => false);
}

/** Milliseconds one piece of work takes. */
export async function time(work: () => unknown): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

export const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The 1, 5 and 15 minute load averages: other work on the machine skews every timing. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A Markdown table; columns whose header ends with ':' are right-aligned (the ':' dropped). */
export function table(headers: string[], rows: string[][]): string {
  const right = headers.map((h) => h.endsWith(':'));
  const names = headers.map((h, i) => (right[i] ? h.slice(0, -1) : h));
  return [
    `| ${names.join(' | ')} |`,
    `| ${right.map((r) => (r ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
