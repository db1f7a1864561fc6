import type { DataSource } from 'typeorm';
import { recordAudit } from '../src/audit-log/audit-log.js';
import { User } from '../src/auth/user.entity.js';
import { createDataSource } from '../src/database/data-source.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { Evidence } from '../src/evidence/evidence.entity.js';
import { Seeder } from '../src/seeding/seeder.js';
import { describeDb, createTestDatabase, type TestDatabase } from './support/test-db.js';

/**
 * 1796290000000-evidence-withdrawal: the withdrawal reason and who withdrew become columns of
 * evidence; a database upgraded with items already withdrawn gets both from the audit trail.
 */
describeDb('migration: evidence withdrawal columns, backfilled from the audit trail', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ MUTU_DEMO: 'false' });
    db = createDataSource(database.config);
    await db.initialize();
    await db.runMigrations();
    await new Seeder(db, database.config).seed({ demo: true });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('fills reason and actor of items withdrawn before the upgrade; leaves the others empty', async () => {
    const index = MIGRATIONS.findIndex((M) => new M().name === 'EvidenceWithdrawal1796290000000');
    expect(index).toBeGreaterThan(0);
    const [withdrawn, twice, kept] = await db
      .getRepository(Evidence)
      .find({ order: { title: 'ASC' }, take: 3 });
    const officer = await db.getRepository(User).findOneByOrFail({ username: 'officer.dukcapil' });
    const admin = await db.getRepository(User).findOneByOrFail({ username: 'admin' });
    // Outside a transaction: SQLite turns foreign keys off for the table rebuild only then.
    for (let i = MIGRATIONS.length; i > index; i--)
      await db.undoLastMigration({ transaction: 'none' });

    // The schema before the upgrade: the reason only in the audit event.
    const withdraw = async (id: string, actorId: string, reason: string, at: string) => {
      await db.query(`UPDATE evidence SET withdrawn_at = CURRENT_TIMESTAMP WHERE id = '${id}'`);
      const event = await recordAudit(db.manager, {
        actorId,
        action: 'evidence.withdraw',
        entity: 'evidence',
        entityId: id,
        unitId: null,
        organisationId: null,
        changes: { reason: { before: null, after: reason } },
      });
      await db.query(`UPDATE audit_event SET occurred_at = '${at}' WHERE id = '${event.id}'`);
    };
    await withdraw(withdrawn.id, officer.id, 'Diganti SK yang baru', '2026-01-05 01:00:00');
    // Two withdraw events (a retry): the latest one counts.
    await withdraw(twice.id, officer.id, 'alasan lama', '2026-01-05 01:00:00');
    await withdraw(twice.id, admin.id, 'Salah unggah; \'kutip\' "ganda"', '2026-02-05 01:00:00');

    await db.runMigrations();
    const rows = await db
      .getRepository(Evidence)
      .findBy([{ id: withdrawn.id }, { id: twice.id }, { id: kept.id }]);
    const byId = new Map(rows.map((e) => [e.id, e]));
    expect(byId.get(withdrawn.id)).toMatchObject({
      withdrawalReason: 'Diganti SK yang baru',
      withdrawnById: officer.id,
    });
    expect(byId.get(twice.id)).toMatchObject({
      withdrawalReason: 'Salah unggah; \'kutip\' "ganda"',
      withdrawnById: admin.id,
    });
    expect(byId.get(kept.id)).toMatchObject({
      withdrawnAt: null,
      withdrawalReason: null,
      withdrawnById: null,
    });
  });
});
