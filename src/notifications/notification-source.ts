import type { NotificationKind } from './notification-types.js';
import type { Row } from './sources/sql.js';

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

/** One read-only SQL statement with `:named` parameters (sources/sql.ts `run`). */
export interface SourceQuery {
  sql: string;
  params?: Record<string, unknown>;
}

/**
 * A kind (or a few kinds) of reminder, in two steps: `query` is ONE SQL statement over every unit
 * reading the records' current state with the recipients already resolved through roles and unit
 * scope (`recipient-sql.ts`, `userSeesUnitSql` from auth/scope.ts); `candidates` turns its rows
 * into every notification that should exist now (pure, no I/O). The scanner inserts the new ones
 * and ignores the rest by their key, so a source may propose the same candidate every time. The
 * benchmark runs `query` bare on the driver to measure the floor of a scan.
 */
export interface NotificationSource {
  readonly name: string;
  readonly kinds: readonly NotificationKind[];
  query(now: Date): SourceQuery;
  candidates(rows: Row[], now: Date): NotificationCandidate[];
}
