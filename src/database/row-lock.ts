import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

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
  if (m.connection.options.type !== 'postgres' || !m.queryRunner?.isTransactionActive) return;
  await m
    .getRepository(entity)
    .createQueryBuilder('locked')
    .select('locked.id')
    .setLock('pessimistic_write')
    .where('locked.id = :id', { id })
    .getOne();
}
