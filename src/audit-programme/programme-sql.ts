/**
 * Who is assigned to an audit programme entry, as SQL: its lead auditor or a member of its team
 * (`team_ids`, a JSON array of user ids stored as text on both engines). `user` is a user id
 * expression: a column (`ua.id`) or a named parameter (`:me`). Ids are compared in lower case, as
 * PostgreSQL prints a uuid.
 */
export const entryAssigneeSql = (entry: string, user: string): string =>
  `(${entry}.lead_auditor_id = ${user}` +
  ` OR LOWER(${entry}.team_ids) LIKE '%"' || LOWER(CAST(${user} AS VARCHAR(64))) || '"%')`;

/** The entry on its programme page (the list item's anchor), the link an assigned auditor can open. */
export const entryUrl = (programmeId: string, entryId: string): string =>
  `/audit-programmes/${programmeId}#entry-${entryId}`;
