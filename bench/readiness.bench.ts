/*
 * Readiness benchmark: the organisation readiness endpoint over a synthetic national data set,
 * against the bare SQL aggregate that computes the per-unit score, in the same run.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/readiness.bench.js
 *
 * Three organisations of 45, 450 and 4 500 units (a city, a province-sized roll-out, a national
 * slice), each unit with the full ISO 9001 clause tree rated, ~20 evidence items and a few findings,
 * generated with bulk inserts into SQLite (temporary file) and PostgreSQL (a schema of its own in
 * the local `test` database, dropped afterwards). Per organisation it times:
 *   - HTTP: GET /api/organisations/:id/readiness through the app listening on loopback, as that
 *     organisation's administrator, body read and parsed;
 *   - service: ReadinessService.organisation() for all units (no HTTP, no JSON);
 *   - bare: the minimal SQL that computes the per-unit score of the current assessments.
 * Set BENCH_ENGINES=sqlite (or postgres) to run one engine.
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { hashPassword } from '../src/auth/passwords.js';
import type { Principal } from '../src/auth/principal.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { loadConfig } from '../src/config/configuration.js';
import { ReadinessService } from '../src/readiness/readiness.service.js';

type Engine = 'sqlite' | 'postgres';

const POSTGRES_URL =
  process.env.MUTU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZES = [45, 450, 4500];
const PASSWORD = 'bench-password-2026';
const RATINGS = ['met', 'met', 'met', 'partly_met', 'partly_met', 'not_met', 'not_assessed'];
const EVIDENCE_PER_UNIT = 20;
const FINDINGS_PER_UNIT = 3;

/** Timed iterations per size: enough for a stable p50/p95 while keeping the run short. */
const ITERATIONS: Record<number, number> = { 45: 60, 450: 20, 4500: 8 };

interface Org {
  id: string;
  code: string;
  units: number;
  adminToken?: string;
}

/** A small deterministic generator, so every run measures the same data set. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertRows(
  db: Pick<DataSource, 'query'>,
  engine: Engine,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(5000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
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

async function generate(db: DataSource, engine: Engine): Promise<Org[]> {
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
  const rows = {
    organisation: [] as unknown[][],
    unit: [] as unknown[][],
    assessment: [] as unknown[][],
    clause_assessment: [] as unknown[][],
    evidence: [] as unknown[][],
    evidence_clause: [] as unknown[][],
    finding: [] as unknown[][],
    corrective_action: [] as unknown[][],
    user_account: [] as unknown[][],
  };
  const passwordHash = await hashPassword(PASSWORD);
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
      engine,
      'organisation',
      ['id', 'code', 'name', 'timezone', 'report_prefix'],
      rows.organisation,
    );
    await insertRows(
      q,
      engine,
      'user_account',
      ['id', 'username', 'display_name', 'password_hash', 'role', 'organisation_id', 'active'],
      rows.user_account,
    );
    await insertRows(q, engine, 'unit', ['id', 'organisation_id', 'code', 'name'], rows.unit);
    await insertRows(
      q,
      engine,
      'assessment',
      ['id', 'unit_id', 'standard_id', 'type', 'title', 'starts_on', 'state'],
      rows.assessment,
    );
    await insertRows(
      q,
      engine,
      'clause_assessment',
      ['id', 'assessment_id', 'clause_id', 'applicable', 'justification', 'rating'],
      rows.clause_assessment,
    );
    await insertRows(
      q,
      engine,
      'evidence',
      ['id', 'unit_id', 'title', 'status', 'valid_until'],
      rows.evidence,
    );
    await insertRows(
      q,
      engine,
      'evidence_clause',
      ['evidence_id', 'clause_id'],
      rows.evidence_clause,
    );
    await insertRows(
      q,
      engine,
      'finding',
      ['id', 'assessment_id', 'number', 'clause_id', 'grade', 'statement', 'state'],
      rows.finding,
    );
    await insertRows(
      q,
      engine,
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

/** The current assessment of each unit of one organisation (the same rule as the endpoint). */
const currentSql = (engine: Engine): string => `
  SELECT a.id, a.unit_id, ROW_NUMBER() OVER (
    PARTITION BY a.unit_id ORDER BY a.starts_on DESC, a.created_at DESC, a.id DESC) AS position
  FROM assessment a INNER JOIN unit u ON u.id = a.unit_id
  WHERE u.organisation_id = ${engine === 'postgres' ? '$1' : '?'} AND u.withdrawn_at IS NULL`;

const POINTS = `SUM(CASE WHEN ca.applicable AND ca.rating = 'met' THEN 1.0
    WHEN ca.applicable AND ca.rating = 'partly_met' THEN 0.5 ELSE 0 END)
  / NULLIF(SUM(CASE WHEN ca.applicable THEN 1 ELSE 0 END), 0)`;

/**
 * The per-unit score of the current assessments of one organisation, and nothing else, in two
 * formulations (one join and group, or one subquery per assessment); the faster of the two, per
 * engine and size, is the baseline, so that the ratios are not flattered by a slow baseline.
 */
const BARE: Record<string, (engine: Engine) => string> = {
  'join + GROUP BY': (engine) => `
    SELECT cur.unit_id, ${POINTS} AS score
    FROM (${currentSql(engine)}) cur
    INNER JOIN clause_assessment ca ON ca.assessment_id = cur.id
    WHERE cur.position = 1
    GROUP BY cur.unit_id`,
  'subquery per assessment': (engine) => `
    SELECT cur.unit_id,
      (SELECT ${POINTS} FROM clause_assessment ca WHERE ca.assessment_id = cur.id) AS score
    FROM (${currentSql(engine)}) cur
    WHERE cur.position = 1`,
};

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function time(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

interface Result {
  engine: Engine;
  units: number;
  http: number[];
  service: number[];
  bare: number[];
  /** The bare formulation that was faster here. */
  bareName: string;
}

async function runEngine(engine: Engine): Promise<Result[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-bench-'));
  const schema = `mutu_bench_${process.pid}`;
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
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(loadConfig(env), { logger: false });
    const db = app.get<DataSource>(getDataSourceToken());
    const orgs = await generate(db, engine);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const readiness = app.get(ReadinessService);
    const results: Result[] = [];
    for (const org of orgs) {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: `admin.${org.code}`, password: PASSWORD }),
      });
      const session = (await login.json()) as { accessToken: string; user: { id: string } };
      // A new principal per call, as each request has: the scope is not cached across calls.
      const principal = (): Principal => ({
        id: session.user.id,
        username: `admin.${org.code}`,
        displayName: 'Bench',
        role: 'admin',
        organisationId: org.id,
        unitIds: [],
        sessionId: 'bench',
        via: 'bearer',
      });
      const http = async () => {
        const res = await getJson(`${base}/api/organisations/${org.id}/readiness`, {
          Authorization: `Bearer ${session.accessToken}`,
        });
        const body = res.body as { units: unknown[] };
        if (res.status !== 200 || body.units.length !== org.units)
          throw new Error(`unexpected answer ${res.status} for ${org.code}`);
        sizes.set(org.units, res.bytes);
      };
      const service = () => readiness.organisation(principal(), org.id, 'id');
      const bares = Object.entries(BARE).map(([name, sql]) => ({
        name,
        samples: [] as number[],
        run: async () => {
          const rows = await db.query<unknown[]>(sql(engine), [org.id]);
          if (rows.length !== org.units) throw new Error(`${name} gave ${rows.length} units`);
        },
      }));
      const result: Result = {
        engine,
        units: org.units,
        http: [],
        service: [],
        bare: [],
        bareName: '',
      };
      for (let i = 0; i < 3; i++)
        for (const warm of [...bares.map((b) => b.run), service, http]) await warm();
      for (let i = 0; i < ITERATIONS[org.units]; i++) {
        // Interleaved, so that drift (caches, GC, other load) touches all of them alike.
        for (const b of bares) b.samples.push(await time(b.run));
        result.service.push(await time(service));
        result.http.push(await time(http));
      }
      const best = bares.reduce((a, b) =>
        percentile(b.samples, 50) < percentile(a.samples, 50) ? b : a,
      );
      result.bare = best.samples;
      result.bareName = best.name;
      results.push(result);
    }
    return results;
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }
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

/** Response size per organisation size, for the report. */
const sizes = new Map<number, number>();

const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));

function report(results: Result[]): void {
  console.log('');
  console.log(
    '| engine | units | HTTP p50 / p95 (ms) | service p50 / p95 (ms) | bare SQL p50 / p95 (ms) | HTTP ÷ bare | service ÷ bare | response |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const [h, s, b] = [r.http, r.service, r.bare].map((x) => [
      percentile(x, 50),
      percentile(x, 95),
    ]);
    console.log(
      `| ${r.engine} | ${r.units} | ${ms(h[0])} / ${ms(h[1])} | ${ms(s[0])} / ${ms(s[1])} | ` +
        `${ms(b[0])} / ${ms(b[1])} | ${(h[0] / b[0]).toFixed(2)} | ${(s[0] / b[0]).toFixed(2)} | ` +
        `${((sizes.get(r.units) ?? 0) / 1024).toFixed(0)} KiB |`,
    );
  }
  console.log('');
  console.log(
    `Baseline (faster bare formulation): ${results.map((r) => `${r.engine} ${r.units}: ${r.bareName}`).join('; ')}`,
  );
  console.log('');
  console.log('Curve: p50 per unit (µs per unit; constant = linear cost)');
  console.log('| engine | units | HTTP | service | bare SQL |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const per = (x: number[]) => ((percentile(x, 50) * 1000) / r.units).toFixed(0);
    console.log(
      `| ${r.engine} | ${r.units} | ${per(r.http)} | ${per(r.service)} | ${per(r.bare)} |`,
    );
  }
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
  console.log(
    `readiness benchmark — ${new Date().toISOString()} — Node ${process.version}, ${SIZES.join(' / ')} units`,
  );
  const results: Result[] = [];
  for (const engine of wanted) {
    if (engine === 'postgres' && !(await postgresAnswers())) {
      console.log(`  postgres: ${POSTGRES_URL} does not answer, skipped`);
      continue;
    }
    results.push(...(await runEngine(engine)));
  }
  report(results);
}

await main();
