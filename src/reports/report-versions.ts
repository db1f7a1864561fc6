import type { DataSource } from 'typeorm';

/**
 * The version stamp of what a report shows, read as counts and `updated_at` maxima (one query of
 * indexed aggregates, never the report's rows themselves). Every change made through the app is
 * audited in its own transaction with the unit and organisation it touches, so the audit trail's
 * count and latest instant move with every rating, evidence change, finding step, corrective
 * action, issue, unit or user change; the maxima of the report's own tables are read beside it for
 * changes made without an audit event (the seed files, the daily readiness snapshot, another
 * organisation's assessor renamed). Any change gives a different stamp, hence a different key.
 */
export type ReportScope =
  | { kind: 'assessment'; assessmentId: string; unitId: string; organisationId: string }
  | { kind: 'unit'; unitId: string; organisationId: string }
  | { kind: 'organisation'; organisationId: string };

/** Audit events of the organisation that change no report: sign-ins and sign-outs. */
const ORGANISATION_EVENTS = `a.unit_id IS NULL AND a.organisation_id = :org AND a.entity <> 'session'`;

const count = (sql: string): string => `(SELECT COUNT(*) ${sql})`;
const latest = (column: string, sql: string): string => `(SELECT MAX(${column}) ${sql})`;
const both = (column: string, sql: string): string[] => [count(sql), latest(column, sql)];

function parts(scope: ReportScope): string[] {
  const catalogue = [
    latest('s.updated_at', 'FROM standard s'),
    latest('c.updated_at', 'FROM clause c'),
    count('FROM clause c'),
  ];
  if (scope.kind === 'organisation') {
    const units = 'FROM unit u WHERE u.organisation_id = :org';
    return [
      ...both(
        'a.occurred_at',
        `FROM audit_event a WHERE a.organisation_id = :org AND a.entity <> 'session'`,
      ),
      latest('o.updated_at', 'FROM organisation o WHERE o.id = :org'),
      ...both('u.updated_at', units),
      ...both('r.taken_at', `FROM readiness_snapshot r WHERE r.unit_id IN (SELECT u.id ${units})`),
      ...both('x.updated_at', `FROM assessment x WHERE x.unit_id IN (SELECT u.id ${units})`),
      ...catalogue,
    ];
  }
  const unitEvidence = 'FROM evidence e WHERE e.unit_id = :unit';
  const common = [
    ...both(
      'a.occurred_at',
      `FROM audit_event a WHERE a.unit_id = :unit OR (${ORGANISATION_EVENTS})`,
    ),
    latest('o.updated_at', 'FROM organisation o WHERE o.id = :org'),
    latest('u.updated_at', 'FROM unit u WHERE u.id = :unit'),
    ...both('e.updated_at', unitEvidence),
    ...both(
      'v.uploaded_at',
      `FROM evidence_version v WHERE v.evidence_id IN (SELECT e.id ${unitEvidence})`,
    ),
    ...catalogue,
  ];
  if (scope.kind === 'unit') return common;
  const cycles = 'FROM assessment x WHERE x.unit_id = :unit';
  const findings = `FROM finding f WHERE f.assessment_id IN (SELECT x.id ${cycles})`;
  return [
    ...common,
    ...both('x.updated_at', cycles),
    ...both('ca.updated_at', 'FROM clause_assessment ca WHERE ca.assessment_id = :assessment'),
    ...both('f.updated_at', findings),
    ...both(
      'k.updated_at',
      `FROM corrective_action k WHERE k.finding_id IN (SELECT f.id ${findings})`,
    ),
    ...both(
      'p.updated_at',
      `FROM user_account p WHERE p.id IN (SELECT aa.user_id FROM assessment_assessor aa WHERE aa.assessment_id = :assessment)`,
    ),
    count('FROM assessment_assessor aa WHERE aa.assessment_id = :assessment'),
  ];
}

/** The stamp as one string (engine-specific in its formatting, stable for one database). */
export async function reportDataStamp(db: DataSource, scope: ReportScope): Promise<string> {
  const columns = parts(scope).map((sql, i) => `${sql} AS v${i}`);
  const params: Record<string, string> = { org: scope.organisationId };
  if (scope.kind !== 'organisation') params.unit = scope.unitId;
  if (scope.kind === 'assessment') params.assessment = scope.assessmentId;
  const [sql, values] = db.driver.escapeQueryWithParameters(`SELECT ${columns.join(', ')}`, params);
  const [row] = await db.query<Record<string, unknown>[]>(sql, values);
  return Object.keys(row)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((k) => {
      const v = row[k];
      if (v instanceof Date) return v.toISOString();
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint'
        ? String(v)
        : JSON.stringify(v ?? null);
    })
    .join('|');
}
