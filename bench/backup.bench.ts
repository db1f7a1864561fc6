/*
 * Backup benchmark: `mutu backup` and `mutu restore` (in process, the same functions the CLI
 * calls) against `tar czf` / `tar xzf` of the same data folder, in the same run.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/backup.bench.js
 *
 * Two data sets per engine: the demo data (seed --demo), and the demo data plus a 45-unit
 * organisation in the shape of bench/readiness.bench.ts (every leaf clause rated, 20 evidence items
 * per unit), here each evidence item with a stored file of 20–300 KB (a PDF header, then 60 %
 * random bytes and 40 % repeated text: scans and born-digital PDFs mixed). Times are medians of
 * ROUNDS rounds. On PostgreSQL `tar czf` archives the data folder only (the database is pg_dump's
 * work inside the backup), so its ratio also carries the dump. BENCH_ENGINES=sqlite (or postgres)
 * runs one engine.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createBackup } from '../src/backup/backup.js';
import { restoreBackup } from '../src/backup/restore.js';
import { loadConfig, type MutuConfig } from '../src/config/configuration.js';
import { createDataSource } from '../src/database/data-source.js';
import { EvidenceStore } from '../src/evidence/evidence-store.js';
import { Seeder } from '../src/seeding/seeder.js';
import {
  benchEngines,
  insertRows,
  median,
  POSTGRES_URL,
  random,
  time,
  withPg,
  type Engine,
} from './support/bench-data.js';

const ROUNDS = 3;
const UNITS = 45;
const EVIDENCE_PER_UNIT = 20;
const RATINGS = ['met', 'met', 'met', 'partly_met', 'partly_met', 'not_met', 'not_assessed'];

/** 45 units with ratings and 900 evidence items, each with its own stored file. */
async function addBenchOrganisation(db: DataSource, config: MutuConfig): Promise<void> {
  const rnd = random(20261201);
  const text = Buffer.from('Laporan kinerja unit: sasaran mutu tercapai 87,5 %. '.repeat(200));
  const store = new EvidenceStore(config.dataDir);
  const [standard] = await db.query<{ id: string }[]>(
    `SELECT id FROM standard WHERE code = 'iso-9001-2015'`,
  );
  const leaves = (
    await db.query<{ id: string; is_leaf: boolean | number }[]>('SELECT id, is_leaf FROM clause')
  )
    .filter((c) => c.is_leaf === true || c.is_leaf === 1)
    .map((c) => c.id);
  const orgId = randomUUID();
  const rows = {
    unit: [] as unknown[][],
    assessment: [] as unknown[][],
    rating: [] as unknown[][],
  };
  const evidence: unknown[][] = [];
  const versions: unknown[][] = [];
  const now = new Date().toISOString();
  for (let u = 0; u < UNITS; u++) {
    const unitId = randomUUID();
    const assessmentId = randomUUID();
    rows.unit.push([unitId, orgId, `U${String(u).padStart(3, '0')}`, `Unit ${u}`]);
    rows.assessment.push([
      assessmentId,
      unitId,
      standard.id,
      'gap_assessment',
      `Gap ${u}`,
      '2026-11-01',
      'in_progress',
    ]);
    for (const clauseId of leaves)
      rows.rating.push([
        randomUUID(),
        assessmentId,
        clauseId,
        true,
        null,
        RATINGS[Math.floor(rnd() * RATINGS.length)],
      ]);
    for (let e = 0; e < EVIDENCE_PER_UNIT; e++) {
      const size = 20_000 + Math.floor(rnd() * 280_000);
      const noise = Math.floor(size * 0.6);
      const bytes = Buffer.concat([
        Buffer.from('%PDF-1.7\n'),
        randomBytes(noise),
        Buffer.alloc(size - noise - 9).fill(text),
      ]);
      const stored = await store.putBuffer(bytes);
      const evidenceId = randomUUID();
      evidence.push([evidenceId, unitId, `Bukti ${e}`, 'accepted']);
      versions.push([
        randomUUID(),
        evidenceId,
        1,
        stored.sha256,
        stored.size,
        'application/pdf',
        `bukti-${e}.pdf`,
        now,
      ]);
    }
  }
  await insertRows(
    db,
    'organisation',
    ['id', 'code', 'name', 'timezone', 'report_prefix'],
    [[orgId, 'bench-45', 'Bench 45', 'Asia/Makassar', 'BEN']],
  );
  await insertRows(db, 'unit', ['id', 'organisation_id', 'code', 'name'], rows.unit);
  await insertRows(
    db,
    'assessment',
    ['id', 'unit_id', 'standard_id', 'type', 'title', 'starts_on', 'state'],
    rows.assessment,
  );
  await insertRows(
    db,
    'clause_assessment',
    ['id', 'assessment_id', 'clause_id', 'applicable', 'justification', 'rating'],
    rows.rating,
  );
  await insertRows(db, 'evidence', ['id', 'unit_id', 'title', 'status'], evidence);
  await insertRows(
    db,
    'evidence_version',
    ['id', 'evidence_id', 'number', 'sha256', 'size', 'media_type', 'original_name', 'uploaded_at'],
    versions,
  );
}

/** A fresh data folder (and PostgreSQL schema) of the engine; `drop` removes both. */
async function target(
  engine: Engine,
  root: string,
): Promise<{ config: MutuConfig; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(root, 'data-'));
  if (engine === 'sqlite')
    return {
      config: loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }),
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  const schema = `mutu_bench_${randomBytes(5).toString('hex')}`;
  await withPg((c) => c.query(`CREATE SCHEMA ${schema}`));
  return {
    config: loadConfig({
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      DATABASE_URL: POSTGRES_URL,
      DATABASE_SCHEMA: schema,
    }),
    drop: async () => {
      await withPg((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const seconds = async (work: () => unknown): Promise<number> => (await time(work)) / 1000;
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

interface Row {
  engine: Engine;
  set: string;
  files: number;
  dataMb: string;
  archiveMb: string;
  tarMb: string;
  backup: number;
  tarC: number;
  restore: number;
  tarX: number;
}

async function measure(engine: Engine, set: 'demo' | '45 units', root: string): Promise<Row> {
  const source = await target(engine, root);
  const restored: { drop(): Promise<void> }[] = [];
  try {
    const db = createDataSource(source.config);
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    await new Seeder(db, source.config).seed({ demo: true });
    if (set === '45 units') await addBenchOrganisation(db, source.config);
    await db.destroy();
    const backups: number[] = [];
    const tars: number[] = [];
    const restores: number[] = [];
    const untars: number[] = [];
    let result: Awaited<ReturnType<typeof createBackup>> | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const archive = join(root, `backup-${round}.tar.gz`);
      const tarball = join(root, `tar-${round}.tar.gz`);
      backups.push(
        await seconds(async () => (result = await createBackup(source.config, archive))),
      );
      tars.push(
        await seconds(() =>
          execFileSync('tar', ['czf', tarball, '-C', source.config.dataDir, '.']),
        ),
      );
      const into = await target(engine, root);
      restored.push(into);
      restores.push(await seconds(() => restoreBackup(into.config, archive)));
      const untar = mkdtempSync(join(root, 'untar-'));
      untars.push(await seconds(() => execFileSync('tar', ['xzf', tarball, '-C', untar])));
      rmSync(untar, { recursive: true, force: true });
      if (round < ROUNDS - 1) rmSync(archive);
    }
    const du = Number(
      execFileSync('du', ['-sb', source.config.dataDir], { encoding: 'utf8' }).split('\t')[0],
    );
    return {
      engine,
      set,
      files: result!.evidenceFiles + result!.reportFiles,
      dataMb: mb(du),
      archiveMb: mb(result!.archiveBytes),
      tarMb: mb(statSync(join(root, `tar-${ROUNDS - 1}.tar.gz`)).size),
      backup: median(backups),
      tarC: median(tars),
      restore: median(restores),
      tarX: median(untars),
    };
  } finally {
    for (const r of restored) await r.drop();
    await source.drop();
  }
}

async function main(): Promise<void> {
  const engines = benchEngines();
  const rows: Row[] = [];
  for (const engine of engines)
    for (const set of ['demo', '45 units'] as const) {
      const root = mkdtempSync(join(tmpdir(), 'mutu-backup-bench-'));
      try {
        rows.push(await measure(engine, set, root));
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  console.log(`backup: ${ROUNDS} rounds (median), node ${process.version}, data in ${tmpdir()}`);
  console.log(
    '| engine | data set | backup ÷ tar czf | restore ÷ tar xzf | backup s | tar czf s | restore s | tar xzf s | files | data MB | archive MB | tar.gz MB |',
  );
  console.log(
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows)
    console.log(
      `| ${r.engine} | ${r.set} | ${(r.backup / r.tarC).toFixed(2)} | ${(r.restore / r.tarX).toFixed(2)} | ${r.backup.toFixed(2)} | ${r.tarC.toFixed(2)} | ${r.restore.toFixed(2)} | ${r.tarX.toFixed(2)} | ${r.files} | ${r.dataMb} | ${r.archiveMb} | ${r.tarMb} |`,
    );
}

await main();
