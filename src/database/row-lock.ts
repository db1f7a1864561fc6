import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Only PostgreSQL inside a transaction holds row locks (see lockRow). */
const holdsLocks = (m: EntityManager): boolean =>
  m.connection.options.type === 'postgres' && m.queryRunner?.isTransactionActive === true;

/**
 * Locks one row (by id) until the transaction ends, so that two changes of one record queue up:
 * the second reads what the first wrote (true "before" in the audit trail, no lost update). On
 * PostgreSQL: SELECT … FOR UPDATE. On SQLite nothing is needed: it has one writer and Mutu queues
 * transactions (database/sqlite-transactions.ts). Outside a transaction there is nothing to hold
 * the lock, so it does nothing either. Call it before reading what the change depends on.
 */
export async function lockRow(
  m: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  id: string,
): Promise<void> {
  await lockSelected(
    m,
    m
      .getRepository(entity)
      .createQueryBuilder('locked')
      .select('locked.id')
      .where('locked.id = :id', { id }),
  );
}

/**
 * Locks every row a query selects, the same way as lockRow. Order the query by id: writers that
 * lock overlapping sets in one order queue up instead of deadlocking.
 */
export async function lockSelected(
  m: EntityManager,
  query: SelectQueryBuilder<ObjectLiteral>,
): Promise<void> {
  if (!holdsLocks(m)) return;
  await query.setLock('pessimistic_write').getRawMany();
}
