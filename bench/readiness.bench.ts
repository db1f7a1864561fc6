/*
 * Readiness benchmark (issue #14): readiness kept current in unit_readiness, read in pages, rolled
 * up nationally; over a synthetic data set generated with bulk inserts.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/readiness.bench.js
 *
 * Organisations of 45 units (a city) and 4 500 units (a national slice) on both engines, and on
 * PostgreSQL also 300 organisations × 45 units (13 500 units, the national list); each unit with the
 * full ISO 9001 clause tree rated, ~20 evidence items and a few findings. SQLite in a temporary
 * file, PostgreSQL in a schema of its own in the local `test` database, dropped afterwards. It times:
 *   - materialise: storing every unit's readiness from scratch (what a catalogue reload or a first
 *     read after the migration costs), per unit, at each size: the growth curve;
 *   - city: GET /api/organisations/:id/readiness for 45 units ÷ GET /api/auth/me, same run;
 *   - organisation: the first page of 50 of 4 500 units (totals over all of them);
 *   - national: GET /api/readiness/organisations, first page, as an administrator of no organisation;
 *   - write: PUT a rating through HTTP with readiness kept current ÷ the same write with the trend
 *     snapshot only (the code before readiness was stored) ÷ the write with no readiness work at all.
 * Set BENCH_ENGINES=sqlite (or postgres) to run one engine, BENCH_NATIONAL=0 to skip the 13 500.
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { get as httpGet, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { ReadinessKeeper } from '../src/common/readiness-keeper.js';
import { loadConfig } from '../src/config/configuration.js';
import { snapshotUnits } from '../src/readiness/readiness-snapshots.js';
import {
  benchEngines,
  insertRows,
  loadAverage,
  percentile,
  postgresAnswers,
  POSTGRES_URL,
  random,
  time,
  withPg,
  type Engine,
} from './support/bench-data.js';

const SIZES = [45, 4500];
/** The national list: this many organisations of 45 units (PostgreSQL only). */
const NATIONAL_ORGS = process.env.BENCH_NATIONAL === '0' ? 0 : 300;
const PASSWORD = 'bench-password-2026';
const RATINGS = ['met', 'met', 'met', 'partly_met', 'partly_met', 'not_met', 'not_assessed'];
const EVIDENCE_PER_UNIT = 20;
const FINDINGS_PER_UNIT = 3;

/** Timed iterations per measure: enough for a stable p50/p95 while keeping the run short. */
const ITERATIONS = 40;

interface Org {
  id: string;
  code: string;
  units: number;
  /** Part of the national set (300 × 45), not timed on its own. */
  national?: boolean;
}

async function generate(db: DataSource, engine: Engine, nationalOrgs: number): Promise<Org[]> {
  const rnd = random(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const [standard] = await db.query<{ id: string }[]>(
    `SELECT id FROM standard WHERE code = 'iso-9001-2015'`,
  );
  const clauses = await db.query<{ id: string; is_leaf: boolean | number }[]>(
    `SELECT id, is_leaf FROM clause WHERE standard_id = ${engine === 'postgres' ? '$1' : '?'}`,
    [standard.id],
  );
  const leaves = clauses.filter((c) => c.is_leaf === true || c.is_leaf === 1).map((c) => c.id);
  const today = todayInZone(new Date());
  const orgs: Org[] = SIZES.map((units) => ({ id: randomUUID(), code: `bench-${units}`, units }));
  for (let n = 0; n < nationalOrgs; n++)
    orgs.push({
      id: randomUUID(),
      code: `nat-${String(n).padStart(3, '0')}`,
      units: 45,
      national: true,
    });
  const rows = {
    organisation: [] as unknown[][],
    unit: [] as unknown[][],
    assessment: [] as unknown[][],
    assessment_assessor: [] as unknown[][],
    clause_assessment: [] as unknown[][],
    evidence: [] as unknown[][],
    evidence_clause: [] as unknown[][],
    finding: [] as unknown[][],
    corrective_action: [] as unknown[][],
    user_account: [] as unknown[][],
  };
  const passwordHash = await hashPassword(PASSWORD, loadConfig({}).passwordCost);
  // A national administrator (no organisation) and an assessor of the city's first unit.
  rows.user_account.push([
    randomUUID(),
    'admin.national',
    'National',
    passwordHash,
    'admin',
    null,
    true,
  ]);
  const assessorId = randomUUID();
  rows.user_account.push([
    assessorId,
    'assessor.bench',
    'Assessor',
    passwordHash,
    'assessor',
    orgs[0].id,
    true,
  ]);
  for (const org of orgs) {
    rows.organisation.push([org.id, org.code, `Bench ${org.units}`, 'Asia/Makassar', 'BEN']);
    rows.user_account.push([
      randomUUID(),
      `admin.${org.code}`,
      `Admin ${org.code}`,
      passwordHash,
      'admin',
      org.id,
      true,
    ]);
    for (let u = 0; u < org.units; u++) {
      const unitId = randomUUID();
      rows.unit.push([
        unitId,
        org.id,
        `U${String(u).padStart(5, '0')}`,
        `Unit ${u} of ${org.code}`,
      ]);
      // One unit in ten has an earlier cycle too: "current" must pick the most recent one.
      const cycles = u % 10 === 0 ? 2 : 1;
      for (let c = 0; c < cycles; c++) {
        const assessmentId = randomUUID();
        const startsOn = addDays(today, -30 - 200 * c);
        if (org === orgs[0] && u === 0 && c === 0)
          rows.assessment_assessor.push([assessmentId, assessorId]);
        rows.assessment.push([
          assessmentId,
          unitId,
          standard.id,
          'gap_assessment',
          `Gap assessment ${u}/${c}`,
          startsOn,
          c === 0 ? 'in_progress' : 'reported',
        ]);
        for (const clauseId of leaves) {
          const applicable = rnd() > 0.04;
          rows.clause_assessment.push([
            randomUUID(),
            assessmentId,
            clauseId,
            applicable,
            applicable ? null : 'Tidak diterapkan (bench)',
            applicable ? pick(RATINGS) : 'not_assessed',
          ]);
        }
        if (c === 0) {
          for (let f = 0; f < FINDINGS_PER_UNIT; f++) {
            const findingId = randomUUID();
            const grade = pick(['major', 'minor', 'minor', 'observation']);
            const state = pick(['open', 'planned', 'implemented', 'verified', 'closed']);
            rows.finding.push([
              findingId,
              assessmentId,
              f + 1,
              pick(leaves),
              grade,
              'Temuan (bench)',
              state,
            ]);
            if (grade === 'major' || grade === 'minor')
              rows.corrective_action.push([
                randomUUID(),
                findingId,
                addDays(today, Math.floor(rnd() * 180) - 60),
              ]);
          }
        }
      }
      for (let e = 0; e < EVIDENCE_PER_UNIT; e++) {
        const evidenceId = randomUUID();
        rows.evidence.push([
          evidenceId,
          unitId,
          `Bukti ${e}`,
          pick(['accepted', 'accepted', 'accepted', 'submitted', 'rejected']),
          rnd() < 0.3 ? addDays(today, Math.floor(rnd() * 720) - 180) : null,
        ]);
        const linked = new Set([pick(leaves), pick(leaves)]);
        for (const clauseId of linked) rows.evidence_clause.push([evidenceId, clauseId]);
      }
    }
  }
  const started = performance.now();
  await db.transaction(async (m) => {
    const q = m;
    await insertRows(
      q,
      'organisation',
      ['id', 'code', 'name', 'timezone', 'report_prefix'],
      rows.organisation,
    );
    await insertRows(
      q,
      'user_account',
      ['id', 'username', 'display_name', 'password_hash', 'role', 'organisation_id', 'active'],
      rows.user_account,
    );
    await insertRows(q, 'unit', ['id', 'organisation_id', 'code', 'name'], rows.unit);
    await insertRows(
      q,
      'assessment',
      ['id', 'unit_id', 'standard_id', 'type', 'title', 'starts_on', 'state'],
      rows.assessment,
    );
    await insertRows(
      q,
      'assessment_assessor',
      ['assessment_id', 'user_id'],
      rows.assessment_assessor,
    );
    await insertRows(
      q,
      'clause_assessment',
      ['id', 'assessment_id', 'clause_id', 'applicable', 'justification', 'rating'],
      rows.clause_assessment,
    );
    await insertRows(
      q,
      'evidence',
      ['id', 'unit_id', 'title', 'status', 'valid_until'],
      rows.evidence,
    );
    await insertRows(q, 'evidence_clause', ['evidence_id', 'clause_id'], rows.evidence_clause);
    await insertRows(
      q,
      'finding',
      ['id', 'assessment_id', 'number', 'clause_id', 'grade', 'statement', 'state'],
      rows.finding,
    );
    await insertRows(
      q,
      'corrective_action',
      ['id', 'finding_id', 'due_on'],
      rows.corrective_action,
    );
  });
  await db.query('ANALYZE');
  console.log(
    `  ${engine}: generated ${rows.unit.length} units, ${rows.assessment.length} assessments, ` +
      `${rows.clause_assessment.length} clause ratings, ${rows.evidence.length} evidence ` +
      `(${rows.evidence_clause.length} clause links), ${rows.finding.length} findings ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return orgs;
}

interface Result {
  engine: Engine;
  /** Milliseconds per unit to store every unit's readiness from scratch, by set size. */
  materialise: { units: number; ms: number }[];
  me: number[];
  city: number[];
  orgPage: number[];
  national: number[];
  writeKept: number[];
  writeSnapshotOnly: number[];
  writeBare: number[];
  bytes: Record<string, number>;
}

async function runEngine(engine: Engine): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-bench-'));
  const schema = `mutu_bench_${process.pid}`;
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
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(loadConfig(env), { logger: false });
    const db = app.get<DataSource>(getDataSourceToken());
    const orgs = await generate(db, engine, engine === 'postgres' ? NATIONAL_ORGS : 0);
    const result: Result = {
      engine,
      materialise: [],
      me: [],
      city: [],
      orgPage: [],
      national: [],
      writeKept: [],
      writeSnapshotOnly: [],
      writeBare: [],
      bytes: {},
    };
    // Every unit's readiness from scratch, organisation by organisation, as refreshEveryUnit does.
    const now = new Date();
    for (const org of orgs.filter((o) => !o.national)) {
      const ms = await time(() =>
        db.transaction((m) => snapshotUnits(m, { organisationId: org.id }, { now })),
      );
      result.materialise.push({ units: org.units, ms });
    }
    const national = orgs.filter((o) => o.national);
    if (national.length > 0) {
      const ms = await time(async () => {
        for (const org of national)
          await db.transaction((m) => snapshotUnits(m, { organisationId: org.id }, { now }));
      });
      result.materialise.push({ units: national.length * 45, ms });
    }
    await db.query('ANALYZE');

    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const tokenOf = async (username: string): Promise<string> => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      return ((await login.json()) as { accessToken: string }).accessToken;
    };
    const [city, large] = orgs;
    const cityToken = await tokenOf(`admin.${city.code}`);
    const largeToken = await tokenOf(`admin.${large.code}`);
    const nationalToken = await tokenOf('admin.national');
    const assessorToken = await tokenOf('assessor.bench');
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const expectOk = (what: string, res: { status: number; bytes: number }) => {
      if (res.status !== 200) throw new Error(`${what}: ${res.status}`);
      result.bytes[what] = res.bytes;
    };
    const measures: [keyof Result, () => Promise<void>][] = [
      ['me', async () => expectOk('me', await getJson(`${base}/api/auth/me`, auth(cityToken)))],
      [
        'city',
        async () => {
          const res = await getJson(
            `${base}/api/organisations/${city.id}/readiness`,
            auth(cityToken),
          );
          expectOk('city', res);
          if ((res.body as { units: unknown[] }).units.length !== 45)
            throw new Error('city: units');
        },
      ],
      [
        'orgPage',
        async () => {
          const res = await getJson(
            `${base}/api/organisations/${large.id}/readiness?limit=50`,
            auth(largeToken),
          );
          expectOk('orgPage', res);
          const body = res.body as { units: unknown[]; unitCount: number };
          if (body.units.length !== 50 || body.unitCount !== large.units)
            throw new Error('organisation page: units');
        },
      ],
    ];
    if (national.length > 0)
      measures.push([
        'national',
        async () => {
          const res = await getJson(`${base}/api/readiness/organisations`, auth(nationalToken));
          expectOk('national', res);
          const body = res.body as { total: number; items: unknown[] };
          // The seeded organisations (seeds/organisations) count too.
          if (body.total < orgs.length || body.items.length !== 50)
            throw new Error('national: organisations');
        },
      ]);
    for (let i = 0; i < 3; i++) for (const [, run] of measures) await run();
    for (let i = 0; i < ITERATIONS; i++)
      for (const [name, run] of measures) (result[name] as number[]).push(await time(run));

    // Rating writes on the city's first unit: the rating alternates, so every write moves the score.
    const [assessment] = await db.query<{ id: string }[]>(
      `SELECT assessment_id AS id FROM assessment_assessor`,
    );
    const readiness = app.get(ReadinessKeeper);
    const kept = readiness.unitsChanged.bind(readiness);
    const modes: [keyof Result, ReadinessKeeper['unitsChanged']][] = [
      ['writeKept', kept],
      [
        'writeSnapshotOnly',
        async (m, unitId) =>
          (
            await snapshotUnits(
              m,
              { unitIds: typeof unitId === 'string' ? [unitId] : unitId },
              { store: false },
            )
          ).written > 0,
      ],
      ['writeBare', () => Promise.resolve(false)],
    ];
    let flip = 0;
    const write = async () => {
      const rating = flip++ % 2 === 0 ? 'met' : 'not_met';
      const res = await sendJson(
        'PUT',
        `${base}/api/assessments/${assessment.id}/clauses/4.1`,
        { applicable: true, rating },
        auth(assessorToken),
      );
      if (res.status !== 200) throw new Error(`write: ${res.status}`);
    };
    for (let i = 0; i < ITERATIONS; i++)
      for (const [name, mode] of modes) {
        readiness.unitsChanged = mode;
        if (i === 0) for (let w = 0; w < 3; w++) await write();
        (result[name] as number[]).push(await time(write));
      }
    readiness.unitsChanged = kept;
    await write();
    return result;
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'postgres') {
      await withPg((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    }
  }
}

/** A request with a JSON body on a fresh connection. */
function sendJson(
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = httpRequest(
      url,
      {
        method,
        agent: false,
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': data.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * A GET on a fresh connection, body read and parsed: what a browser's first request costs, and no
 * keep-alive race with the server's idle timeout between long calls.
 */
function getJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(text.toString('utf8')),
          bytes: text.length,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const p50 = (x: number[]): number => percentile(x, 50);
const pp = (x: number[]): string => (x.length ? `${ms(p50(x))} / ${ms(percentile(x, 95))}` : '—');

function report(results: Result[]): void {
  console.log('');
  console.log('Ratios (p50 ÷ p50, same run)');
  console.log(
    '| engine | city 45 units ÷ /api/auth/me (≤ 2) | write kept current ÷ snapshot only (≤ 1.3) | write kept current ÷ no readiness work |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of results)
    console.log(
      `| ${r.engine} | ${(p50(r.city) / p50(r.me)).toFixed(2)} | ${(p50(r.writeKept) / p50(r.writeSnapshotOnly)).toFixed(2)} | ${(p50(r.writeKept) / p50(r.writeBare)).toFixed(2)} |`,
    );
  console.log('');
  console.log('Latency p50 / p95 (ms), HTTP on loopback, fresh connection per request');
  console.log(
    '| engine | /api/auth/me | city, 45 units | organisation, 4 500 units, first page of 50 (< 30) | national, 300 × 45, first page (< 100) | write kept | write snapshot only | write bare |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results)
    console.log(
      `| ${r.engine} | ${pp(r.me)} | ${pp(r.city)} | ${pp(r.orgPage)} | ${pp(r.national)} | ${pp(r.writeKept)} | ${pp(r.writeSnapshotOnly)} | ${pp(r.writeBare)} |`,
    );
  console.log('');
  console.log(
    "Growth: storing every unit's readiness from scratch, ms per unit (flat = linear total)",
  );
  console.log('| engine | units | total (s) | per unit (ms) |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of results)
    for (const g of r.materialise)
      console.log(
        `| ${r.engine} | ${g.units} | ${(g.ms / 1000).toFixed(1)} | ${(g.ms / g.units).toFixed(2)} |`,
      );
  console.log('');
  console.log(
    `Response sizes: ${results
      .map(
        (r) =>
          `${r.engine} ${Object.entries(r.bytes)
            .map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KiB`)
            .join(', ')}`,
      )
      .join('; ')}`,
  );
}

async function main(): Promise<void> {
  const wanted = benchEngines();
  console.log(
    `readiness benchmark — ${new Date().toISOString()} — Node ${process.version}, ${SIZES.join(' / ')} units, national ${NATIONAL_ORGS} × 45 on PostgreSQL, load ${loadAverage()}`,
  );
  const results: Result[] = [];
  for (const engine of wanted) {
    if (engine === 'postgres' && !(await postgresAnswers())) {
      console.log(`  postgres: ${POSTGRES_URL} does not answer, skipped`);
      continue;
    }
    results.push(await runEngine(engine));
    // Each engine's table as soon as it is done, then all together.
    if (wanted.length > 1) report(results.slice(-1));
  }
  report(results);
  console.log(`Load average at the end: ${loadAverage()}`);
}

await main();
