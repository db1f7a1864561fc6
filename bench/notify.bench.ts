/*
 * Notification scan benchmark (issue #18): the full scan over a synthetic 4 500-unit organisation
 * (one officer per unit, one assessor for every 45 units, ~20 evidence items per unit with a mix of
 * review states and validity dates, three findings with corrective actions due anywhere from two
 * months ago to four months ahead), generated with bulk inserts.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/notify.bench.js
 *
 * It times, on each engine (BENCH_ENGINES=sqlite or postgres for one; BENCH_UNITS for the size):
 *   - bare: every source's own SQL statement (`source.query`), recipients resolved, run directly on
 *     the driver (better-sqlite3 on the database file, node-postgres): the floor of any scan;
 *   - first scan: every source, every notification inserted, immediate e-mails queued;
 *   - steady scan: the same scan again (what the scheduler does every 5 minutes): nothing new;
 *   - digests: queueing one digest per user with an address.
 * Bare and steady are medians of 3 runs (bare runs before the first scan and after the steady
 * ones); the ratios are against bare of the same run. Targets: first ≤ 3×, steady ≤ 1.5×.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addDays, todayInZone } from '../src/common/dates.js';
import { loadConfig, type MutuConfig } from '../src/config/configuration.js';
import { createDataSource } from '../src/database/data-source.js';
import { NotificationEngine } from '../src/notifications/notification-engine.js';
import type { ScanResult } from '../src/notifications/notification-scanner.js';
import { NOTIFICATION_SOURCES } from '../src/notifications/sources/index.js';
import { Seeder } from '../src/seeding/seeder.js';
import {
  benchEngines,
  insertRows,
  loadAverage,
  median,
  POSTGRES_URL,
  random,
  table,
  time,
  withPg,
  type Engine,
} from './support/bench-data.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 4500);
const EVIDENCE_PER_UNIT = 20;
const FINDINGS_PER_UNIT = 3;
const RUNS = 3;

async function generate(db: DataSource, engine: Engine): Promise<void> {
  const rnd = random(20261202);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const p = engine === 'postgres' ? '$1' : '?';
  const [standard] = await db.query<{ id: string }[]>(`SELECT id FROM standard WHERE code = ${p}`, [
    'iso-9001-2015',
  ]);
  const [clause] = await db.query<{ id: string }[]>(
    `SELECT id FROM clause WHERE standard_id = ${p} LIMIT 1`,
    [standard.id],
  );
  const today = todayInZone(new Date());
  const org = randomUUID();
  const rows: Record<string, unknown[][]> = {
    organisation: [[org, 'bench-notify', 'Bench', 'Asia/Makassar', 'BEN']],
    unit: [],
    user_account: [],
    user_unit: [],
    assessment: [],
    assessment_assessor: [],
    evidence: [],
    finding: [],
    corrective_action: [],
  };
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  let assessor = '';
  for (let u = 0; u < UNITS; u++) {
    const unit = randomUUID();
    rows.unit.push([unit, org, `U${String(u).padStart(5, '0')}`, `Unit ${u}`]);
    const officer = randomUUID();
    rows.user_account.push([
      officer,
      `officer.${u}`,
      `Officer ${u}`,
      'x',
      'quality_officer',
      org,
      true,
      `officer.${u}@bench.example`,
    ]);
    rows.user_unit.push([officer, unit]);
    if (u % 45 === 0) {
      assessor = randomUUID();
      rows.user_account.push([
        assessor,
        `assessor.${u}`,
        `Assessor ${u}`,
        'x',
        'assessor',
        org,
        true,
        `assessor.${u}@bench.example`,
      ]);
    }
    const assessment = randomUUID();
    rows.assessment.push([
      assessment,
      unit,
      standard.id,
      'gap_assessment',
      `Gap ${u}`,
      addDays(today, -30),
      'in_progress',
    ]);
    rows.assessment_assessor.push([assessment, assessor]);
    for (let e = 0; e < EVIDENCE_PER_UNIT; e++) {
      const status = pick(['accepted', 'accepted', 'accepted', 'submitted', 'rejected']);
      const valid = rnd() < 0.3 ? addDays(today, Math.floor(rnd() * 400) - 60) : null;
      rows.evidence.push([
        randomUUID(),
        unit,
        `Evidence ${u}/${e}`,
        status,
        valid,
        status === 'submitted' ? null : now,
        officer,
      ]);
    }
    for (let f = 0; f < FINDINGS_PER_UNIT; f++) {
      const finding = randomUUID();
      rows.finding.push([
        finding,
        assessment,
        f + 1,
        clause.id,
        pick(['major', 'minor']),
        'Temuan (bench)',
        pick(['open', 'planned', 'implemented', 'closed']),
      ]);
      rows.corrective_action.push([
        randomUUID(),
        finding,
        'Tindakan (bench)',
        addDays(today, Math.floor(rnd() * 180) - 60),
        now,
      ]);
    }
  }
  await insertRows(
    db,
    'organisation',
    ['id', 'code', 'name', 'timezone', 'report_prefix'],
    rows.organisation,
  );
  await insertRows(db, 'unit', ['id', 'organisation_id', 'code', 'name'], rows.unit);
  await insertRows(
    db,
    'user_account',
    [
      'id',
      'username',
      'display_name',
      'password_hash',
      'role',
      'organisation_id',
      'active',
      'email',
    ],
    rows.user_account,
  );
  await insertRows(db, 'user_unit', ['user_id', 'unit_id'], rows.user_unit);
  await insertRows(
    db,
    'assessment',
    ['id', 'unit_id', 'standard_id', 'type', 'title', 'starts_on', 'state'],
    rows.assessment,
  );
  await insertRows(
    db,
    'assessment_assessor',
    ['assessment_id', 'user_id'],
    rows.assessment_assessor,
  );
  await insertRows(
    db,
    'evidence',
    ['id', 'unit_id', 'title', 'status', 'valid_until', 'reviewed_at', 'created_by_id'],
    rows.evidence,
  );
  await insertRows(
    db,
    'finding',
    ['id', 'assessment_id', 'number', 'clause_id', 'grade', 'statement', 'state'],
    rows.finding,
  );
  await insertRows(
    db,
    'corrective_action',
    ['id', 'finding_id', 'action', 'due_on', 'planned_at'],
    rows.corrective_action,
  );
}

interface Result {
  engine: Engine;
  bare: number;
  first: number;
  steady: number;
  digests: number;
  notifications: number;
  candidates: number;
  queued: number;
  sources: { source: string; candidates: number; bare: number; first: string; steady: string }[];
}

/**
 * Runs every source's SQL on the driver itself, no TypeORM: ms per source. The statements are the
 * sources' own, with their parameters bound the way TypeORM binds them.
 */
async function bareQueries(
  db: DataSource,
  config: MutuConfig,
  now: Date,
): Promise<{ ms: number[]; rows: number }> {
  const statements = NOTIFICATION_SOURCES.map((s) => {
    const q = s.query(now);
    return db.driver.escapeQueryWithParameters(q.sql, q.params ?? {}) as [string, unknown[]];
  });
  const ms: number[] = [];
  let rows = 0;
  const target = config.database;
  if (target.engine === 'sqlite') {
    const file = new Database(target.path, { readonly: true });
    try {
      for (const [sql, values] of statements)
        ms.push(await time(() => (rows += file.prepare(sql).all(...values).length)));
    } finally {
      file.close();
    }
    return { ms, rows };
  }
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    options: `-c search_path=${target.schema}`,
  });
  await client.connect();
  try {
    for (const [sql, values] of statements)
      ms.push(await time(async () => (rows += (await client.query(sql, values)).rows.length)));
  } finally {
    await client.end();
  }
  return { ms, rows };
}

/** "total (query / key check / writes)" of one source in one scan, ms. */
const phases = (t: ScanResult['timings'][number]): string =>
  `${t.ms} (${t.query} / ${t.check} / ${t.write})`;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

async function runEngine(engine: Engine): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-bench-'));
  const schema = `mutu_bench_notify_${process.pid}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MUTU_DEMO: 'false',
  };
  if (engine === 'postgres') {
    await withPg((c) => c.query(`CREATE SCHEMA ${schema}`));
    Object.assign(env, { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema });
  }
  const config = loadConfig({ ...env, MUTU_SMTP_URL: 'smtp://127.0.0.1:9' });
  const db = createDataSource(config);
  await db.initialize();
  try {
    await db.runMigrations();
    await new Seeder(db, config).seed({ demo: false });
    await generate(db, engine);
    await db.query('ANALYZE');
    // No mailer: the bench measures the scan and the queueing, not an SMTP server.
    const notify = new NotificationEngine(db, config, null);
    const now = new Date(`${todayInZone(new Date())}T07:30:00+08:00`);
    const bares = [await bareQueries(db, config, now)];
    let firstScan!: ScanResult;
    const first = await time(async () => {
      firstScan = await notify.scanner.scan(now);
    });
    const steadies: ScanResult[] = [];
    const steadyMs: number[] = [];
    for (let i = 0; i < RUNS; i++)
      steadyMs.push(await time(async () => steadies.push(await notify.scanner.scan(now))));
    if (steadies.some((s) => s.created.length > 0)) throw new Error('a steady scan wrote rows');
    for (let i = 1; i < RUNS; i++) bares.push(await bareQueries(db, config, now));
    let queued = 0;
    const digests = await time(async () => {
      queued = await notify.outbox.queueDigests(now);
    });
    const [{ n }] = await db.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM notification');
    const sources = NOTIFICATION_SOURCES.map((s, i) => ({
      source: s.name,
      candidates: firstScan.timings[i].candidates,
      bare: median(bares.map((b) => b.ms[i])),
      first: phases(firstScan.timings[i]),
      steady: phases(steadies[Math.floor(RUNS / 2)].timings[i]),
    }));
    return {
      engine,
      bare: median(bares.map((b) => sum(b.ms))),
      first,
      steady: median(steadyMs),
      digests,
      notifications: Number(n),
      candidates: firstScan.candidates,
      queued,
      sources,
    };
  } finally {
    if (engine === 'postgres') await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: Result[]): void {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
  const x = (ratio: number): string => `${ratio.toFixed(2).replace('.', ',')}×`;
  console.log(
    table(
      [
        'engine',
        'first ÷ bare (≤ 3)',
        'steady ÷ bare (≤ 1,5)',
        'units:',
        'candidates:',
        'notifications:',
        'bare queries:',
        'first scan:',
        'steady scan:',
        'digests queued:',
      ],
      results.map((r) => [
        r.engine,
        x(r.first / r.bare),
        x(r.steady / r.bare),
        String(UNITS),
        String(r.candidates),
        String(r.notifications),
        s(r.bare),
        s(r.first),
        s(r.steady),
        `${r.queued} in ${s(r.digests)}`,
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      [
        'engine',
        'source',
        'candidates:',
        'bare ms:',
        'first scan ms (query / key check / writes):',
        'steady scan ms (same):',
      ],
      results.flatMap((r) =>
        r.sources.map((x) => [
          r.engine,
          x.source,
          String(x.candidates),
          x.bare.toFixed(0),
          x.first,
          x.steady,
        ]),
      ),
    ),
  );
}

async function main(): Promise<void> {
  console.log(
    `notify benchmark — ${new Date().toISOString()} — Node ${process.version}, ${UNITS} units, load ${loadAverage()}`,
  );
  const results: Result[] = [];
  for (const engine of benchEngines()) results.push(await runEngine(engine));
  report(results);
  console.log(`Load average at the end: ${loadAverage()}`);
}

await main();
