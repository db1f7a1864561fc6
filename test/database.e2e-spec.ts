import { writeFileSync, mkdtempSync, readFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source.js';
import { ENTITIES } from '../src/database/entities.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { parseDemoFile } from '../src/seeding/seed-files.js';
import { Seeder } from '../src/seeding/seeder.js';
import { Clause } from '../src/standards/clause.entity.js';
import { parseCatalogue } from '../src/standards/catalogue.js';
import { loadCatalogue } from '../src/standards/catalogue-loader.js';
import { describeDb, createTestDatabase, type TestDatabase } from './support/test-db.js';

const DOMAIN_TABLES = [
  'organisation',
  'unit',
  'standard',
  'clause',
  'user_account',
  'user_unit',
  'assessment',
  'assessment_assessor',
  'clause_assessment',
  'evidence',
  'evidence_clause',
  'evidence_version',
  'finding',
  'finding_evidence',
  'corrective_action',
  'audit_event',
  'session',
  'login_throttle',
  'readiness_snapshot',
  'issued_report',
  'notification',
  'notification_delivery',
  'diagnostic_catalogue',
  'diagnostic_indicator',
  'diagnostic',
  'diagnostic_rating',
  'diagnostic_rating_evidence',
];

const catalogueSource = readFileSync(
  new URL('../seeds/standards/iso-9001-2015.yaml', import.meta.url),
  'utf8',
);

describeDb('migrations and seeds', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ MUTU_DEMO: 'false' });
    db = createDataSource(database.config);
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const tables = async (): Promise<string[]> => {
    const runner = db.createQueryRunner();
    try {
      const found = await runner.getTables(DOMAIN_TABLES);
      return found.map((t) => t.name.split('.').pop()!).sort();
    } finally {
      await runner.release();
    }
  };

  it('migrates up to the whole domain, and the entities agree with the schema', async () => {
    const ran = await db.runMigrations();
    expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect(await tables()).toEqual([...DOMAIN_TABLES].sort());
    const diff = await db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    expect(ENTITIES).toHaveLength(40);
  });

  it('migrates all the way down and up again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration();
    expect(await tables()).toEqual([]);
    await db.runMigrations();
    expect(await tables()).toEqual([...DOMAIN_TABLES].sort());
  });

  it('enforces unique codes and foreign keys', async () => {
    await db.query(
      `INSERT INTO organisation (id, code, name, timezone, report_prefix, created_at, updated_at) VALUES ('11111111-1111-4111-8111-111111111111', 'x', 'X', 'Asia/Makassar', 'X', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    );
    await expect(
      db.query(
        `INSERT INTO organisation (id, code, name, timezone, report_prefix, created_at, updated_at) VALUES ('22222222-2222-4222-8222-222222222222', 'x', 'Y', 'Asia/Makassar', 'Y', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      ),
    ).rejects.toThrow(/unique|UNIQUE/);
    await expect(
      db.query(
        `INSERT INTO unit (id, organisation_id, code, name, created_at, updated_at) VALUES ('33333333-3333-4333-8333-333333333333', '99999999-9999-4999-8999-999999999999', 'U', 'U', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      ),
    ).rejects.toThrow(/foreign key|FOREIGN KEY/i);
    await db.query(`DELETE FROM organisation WHERE code = 'x'`);
  });

  it('loads the catalogue idempotently and updates edited titles in place', async () => {
    const seeder = new Seeder(db, database.config);
    const first = await seeder.seed({ demo: false });
    expect(first.standards).toEqual([
      { code: 'iso-9001-2015', created: 91, updated: 0, unchanged: 0, notInFile: [] },
    ]);
    expect(first.diagnosticCatalogues).toEqual([
      { code: 'iso-18091-annex-a-demo', version: 1, created: 39, updated: 0, unchanged: 0 },
    ]);
    const count = await db.getRepository(Clause).count();
    const second = await seeder.seed({ demo: false });
    expect(second.diagnosticCatalogues[0]).toMatchObject({ created: 0, updated: 0, unchanged: 39 });
    expect(second.standards[0]).toMatchObject({ created: 0, updated: 0, unchanged: 91 });
    expect(await db.getRepository(Clause).count()).toBe(count);

    const edited = catalogueSource.replace(
      'Konteks organisasi',
      'Konteks organisasi (edisi revisi)',
    );
    expect(edited).not.toBe(catalogueSource);
    const before = await db.getRepository(Clause).findOneByOrFail({ number: '4' });
    const result = await db.transaction((m) => loadCatalogue(m, parseCatalogue(edited)));
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 90 });
    const after = await db.getRepository(Clause).findOneByOrFail({ number: '4' });
    expect(after).toMatchObject({ id: before.id, titleId: 'Konteks organisasi (edisi revisi)' });
    expect(await db.getRepository(Clause).count()).toBe(91);
  });

  it('loads the demo data only into an empty database, once', async () => {
    const seeder = new Seeder(db, database.config);
    const first = await seeder.seed({ demo: true });
    expect(first.demo).toBe('loaded');
    const counts = async (): Promise<number[]> =>
      Promise.all(
        [
          'user_account',
          'assessment',
          'clause_assessment',
          'evidence',
          'evidence_version',
          'finding',
          'audit_event',
          'readiness_snapshot',
          'document',
          'document_revision',
          'diagnostic',
          'diagnostic_rating',
        ].map(async (t) => {
          const [row] = await db.query<{ n: string | number }[]>(`SELECT COUNT(*) AS n FROM ${t}`);
          return Number(row.n);
        }),
      );
    const loaded = await counts();
    // Seven users of the first demo, the four heads of unit who approve documents and the outside
    // verifier of the ISO 18091 diagnostic; four gap assessments and Dukcapil's reported internal
    // audit of the 2026 programme.
    expect(loaded.slice(0, 2)).toEqual([12, 5]);
    expect(loaded[2]).toBe(5 * 65);
    // The controlled documents of seeds/demo/documents (six, seven revisions).
    expect(loaded.slice(8, 10)).toEqual([6, 7]);
    expect(loaded[3]).toBeGreaterThanOrEqual(24);
    expect(loaded[5]).toBeGreaterThanOrEqual(12);
    // The demo's back-dated readiness history, and today's point of each of the four units.
    const demo = parseDemoFile(
      readFileSync(new URL('../seeds/demo/kota-kupang-demo.yaml', import.meta.url), 'utf8'),
      'kota-kupang-demo.yaml',
    );
    expect(demo.history.length).toBeGreaterThan(0);
    expect(loaded[7]).toBe(demo.history.length + 4);
    // Kota Kupang's Annex A diagnostics of 2025 and 2026, each with a row for all 39 indicators.
    expect(loaded.slice(10)).toEqual([2, 2 * 39]);
    const second = await seeder.seed({ demo: true });
    expect(second.demo).toBe('skipped (database not empty)');
    expect(await counts()).toEqual(loaded);
  });
});

describe('seed files on disk', () => {
  it('ship every demo evidence file they name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutu-seeds-'));
    cpSync(new URL('../seeds', import.meta.url), dir, { recursive: true });
    writeFileSync(join(dir, 'marker'), '');
    const demo = readFileSync(join(dir, 'demo', 'kota-kupang-demo.yaml'), 'utf8');
    for (const [, file] of demo.matchAll(/file: (\S+)/g)) {
      expect(() => readFileSync(join(dir, 'demo', file))).not.toThrow();
    }
  });
});
