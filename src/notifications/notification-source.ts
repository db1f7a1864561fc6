import type { EntityManager } from 'typeorm';
import type { NotificationKind } from './notification-types.js';

/** One notification a source proposes: what, about which record, for whom, for which day. */
export interface NotificationCandidate {
  kind: NotificationKind;
  recordId: string;
  recipientId: string;
  unitId: string;
  /** The day it is about (due date, or the day of the event): part of the unique key. */
  dueOn: string;
  /** Filled into the title `notification.<kind>` (user text stays text: pages and mails escape it). */
  params: Record<string, string>;
  /** Path inside Mutu, e.g. `/evidence/<id>`. */
  url: string;
}

/**
 * A kind (or a few kinds) of reminder. `scan` reads the records' current state and returns every
 * notification that should exist now, recipients already resolved through roles and unit scope
 * (use `userSeesUnitSql` from auth/scope.ts): the scanner inserts the new ones and ignores the
 * rest by their key, so a scan may return the same candidate every time it runs.
 */
export interface NotificationSource {
  readonly name: string;
  readonly kinds: readonly NotificationKind[];
  scan(m: EntityManager, now: Date): Promise<NotificationCandidate[]>;
}
