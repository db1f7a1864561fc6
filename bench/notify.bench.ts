/*
 * Notification scan benchmark (issue #18): the full scan over a synthetic 4 500-unit organisation
 * (one officer per unit, one assessor for every 45 units, ~20 evidence items per unit with a mix of
 * review states and validity dates, three findings with corrective actions due anywhere from two
 * months ago to four months ahead), generated with bulk inserts.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/notify.bench.js
 *
 * It times, on each engine (BENCH_ENGINES=sqlite or postgres for one):
 *   - baseline: reading the same rows the sources read, with no joins to recipients
 *     (SELECT of open evidence + open corrective actions), the floor of any scan;
 *   - first scan: every source, recipients resolved, every notification inserted;
 *   - steady scan: the same scan again (what the scheduler does every 5 minutes): nothing new;
 *   - digests: queueing one digest per user with an address.
 * Ratios are against the baseline of the same run.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { addDays, todayInZone } from '../src/common/dates.js';
import { loadConfig } from '../src/config/configuration.js';
import { createDataSource } from '../src/database/data-source.js';
import { NotificationEngine } from '../src/notifications/notification-engine.js';
import { Seeder } from '../src/seeding/seeder.js';

type Engine = 'sqlite' | 'postgres';
const POSTGRES_URL =
  process.env.MUTU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const UNITS = Number(process.env.BENCH_UNITS ?? 4500);
const EVIDENCE_PER_UNIT = 20;
const FINDINGS_PER_UNIT = 3;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertRows(
  db: DataSource,
  engine: Engine,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const per = Math.floor((engine === 'postgres' ? 60000 : 30000) / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const values: unknown[] = [];
    const tuples = rows.slice(i, i + per).map((row) => {
      const marks = row.map((v) => {
        values.push(engine === 'sqlite' && typeof v === 'boolean' ? Number(v) : v);
        return engine === 'postgres' ? `$${values.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

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
    engine,
    'organisation',
    ['id', 'code', 'name', 'timezone', 'report_prefix'],
    rows.organisation,
  );
  await insertRows(db, engine, 'unit', ['id', 'organisation_id', 'code', 'name'], rows.unit);
  await insertRows(
    db,
    engine,
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
  await insertRows(db, engine, 'user_unit', ['user_id', 'unit_id'], rows.user_unit);
  await insertRows(
    db,
    engine,
    'assessment',
    ['id', 'unit_id', 'standard_id', 'type', 'title', 'starts_on', 'state'],
    rows.assessment,
  );
  await insertRows(
    db,
    engine,
    'assessment_assessor',
    ['assessment_id', 'user_id'],
    rows.assessment_assessor,
  );
  await insertRows(
    db,
    engine,
    'evidence',
    ['id', 'unit_id', 'title', 'status', 'valid_until', 'reviewed_at', 'created_by_id'],
    rows.evidence,
  );
  await insertRows(
    db,
    engine,
    'finding',
    ['id', 'assessment_id', 'number', 'clause_id', 'grade', 'statement', 'state'],
    rows.finding,
  );
  await insertRows(
    db,
    engine,
    'corrective_action',
    ['id', 'finding_id', 'action', 'due_on', 'planned_at'],
    rows.corrective_action,
  );
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

interface Result {
  engine: Engine;
  baseline: number;
  first: number;
  steady: number;
  digests: number;
  notifications: number;
  queued: number;
  sources: { source: string; candidates: number; ms: number }[];
}

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
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    Object.assign(env, { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema });
  }
  const config = loadConfig({ ...env, MUTU_SMTP_URL: 'smtp://127.0.0.1:9' });
  const db = createDataSource(config);
  await db.initialize();
  try {
    await db.runMigrations();
    await new Seeder(db, config).seed({ demo: false });
    await generate(db, engine);
    if (engine === 'postgres') await db.query('ANALYZE');
    // No mailer: the bench measures the scan and the queueing, not an SMTP server.
    const notify = new NotificationEngine(db, config, null);
    const now = new Date(`${todayInZone(new Date())}T07:30:00+08:00`);
    const baseline = await time(() =>
      Promise.all([
        db.query(
          `SELECT id, unit_id, status, valid_until FROM evidence WHERE withdrawn_at IS NULL`,
        ),
        db.query(
          `SELECT ca.id, ca.due_on, f.state FROM corrective_action ca JOIN finding f ON f.id = ca.finding_id`,
        ),
      ]),
    );
    let sources: Result['sources'] = [];
    const first = await time(async () => {
      sources = (await notify.scanner.scan(now)).timings;
    });
    const steady = await time(() => notify.scanner.scan(now));
    let queued = 0;
    const digests = await time(async () => {
      queued = await notify.outbox.queueDigests(now);
    });
    const [{ n }] = await db.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM notification');
    return { engine, baseline, first, steady, digests, notifications: Number(n), queued, sources };
  } finally {
    if (engine === 'postgres') await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: Result[]): void {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `| engine | units | notifications | baseline read | first scan (ratio) | steady scan (ratio) | digests queued |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...results.map(
      (r) =>
        `| ${r.engine} | ${UNITS} | ${r.notifications} | ${s(r.baseline)} | ${s(r.first)} (${(r.first / r.baseline).toFixed(1)}×) | ${s(r.steady)} (${(r.steady / r.baseline).toFixed(1)}×) | ${r.queued} in ${s(r.digests)} |`,
    ),
    '',
    `| engine | source | candidates | ms (first scan) |`,
    `| --- | --- | ---: | ---: |`,
    ...results.flatMap((r) =>
      r.sources.map((x) => `| ${r.engine} | ${x.source} | ${x.candidates} | ${x.ms} |`),
    ),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
  const results: Result[] = [];
  for (const engine of engines) results.push(await runEngine(engine));
  report(results);
}

await main();
