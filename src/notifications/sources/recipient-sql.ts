import { userSeesUnitSql } from '../../auth/scope.js';

/**
 * `FROM … INNER JOIN` fragments naming the recipients of a unit's records by role. Each one
 * checks the user may see the unit now, so a user who lost access is not told.
 */
export const officersOf = (unit: string, alias = 'ua'): string =>
  `INNER JOIN user_unit ${alias}_uu ON ${alias}_uu.unit_id = ${unit}` +
  ` INNER JOIN user_account ${alias} ON ${alias}.id = ${alias}_uu.user_id AND ${alias}.role = 'quality_officer'` +
  ` AND ${userSeesUnitSql(alias, unit)}`;

/** Management who see the unit (assigned to it, or of its organisation when assigned to none). */
export const managementOf = (unit: string, alias = 'ua'): string =>
  `INNER JOIN user_account ${alias} ON ${alias}.role = 'management' AND ${userSeesUnitSql(alias, unit)}`;

export const LIVE_UNIT = (unit: string): string =>
  `EXISTS (SELECT 1 FROM unit live_u WHERE live_u.id = ${unit} AND live_u.withdrawn_at IS NULL)`;

/** The unit's heads (Kepala Dinas / Direktur), assigned to the unit and seeing it now. */
export const unitHeadsOf = (unit: string, alias = 'ua'): string =>
  `INNER JOIN user_unit ${alias}_uu ON ${alias}_uu.unit_id = ${unit}` +
  ` INNER JOIN user_account ${alias} ON ${alias}.id = ${alias}_uu.user_id AND ${alias}.role = 'unit_head'` +
  ` AND ${userSeesUnitSql(alias, unit)}`;

/**
 * One SELECT per recipient join, UNIONed (two indexed joins beat one OR over every user):
 * `unionOf([officersOf('a.unit_id'), managementOf('a.unit_id')], (joins) => \`SELECT … ${joins} …\`)`.
 */
export const unionOf = (joins: readonly string[], select: (joins: string) => string): string =>
  joins.map(select).join(' UNION ');

/** The unit's officers and its management, for the unit-wide events. */
export const officersAndManagementOf = (unit: string): string[] => [
  officersOf(unit),
  managementOf(unit),
];
