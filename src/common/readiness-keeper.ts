import type { EntityManager } from 'typeorm';

/**
 * What keeps each unit's stored readiness current (issue #14: never stale), as the modules whose
 * changes move it see it. Readiness (src/readiness/) provides it; modules depend on this port rather
 * than on readiness, which reads their pure *-rules files and so sits above them.
 *
 * Tell it with the manager of the transaction that made the change, after the change, so that the
 * stored result, its organisation's totals and the trend point commit with the change or not at
 * all: once per transaction with every unit it moved (units are locked in one order, then their
 * organisations, so writers queue up and never deadlock).
 */
export abstract class ReadinessKeeper {
  /**
   * The units changed: their readiness is stored afresh and a trend point written for each whose
   * score or ready flag moved; true when any point was written.
   */
  abstract unitsChanged(
    manager: EntityManager,
    unitIds: string | readonly string[],
  ): Promise<boolean>;

  /** Something every unit of the organisation reads changed (an organisation-wide document). */
  abstract organisationChanged(manager: EntityManager, organisationId: string): Promise<boolean>;
}
