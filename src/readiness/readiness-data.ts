import type { EntityManager } from 'typeorm';
import type { Rating } from '../assessments/assessment-types.js';
import type { FindingGrade, FindingState } from '../findings/finding-types.js';
import { addDays, yearAfter } from '../common/dates.js';
import type { ObjectiveDue } from '../objectives/objective-rules.js';
import type { Frequency } from '../objectives/objective-types.js';
import type { RegisterEntry } from '../risks/risk-rules.js';
import type { RiskKind, RiskLevel } from '../risks/risk-types.js';
import { nextReviewOn, type DocumentPresence } from '../documents/document-rules.js';
import { documentReviewGraceDays } from '../documents/review-grace.js';
import { DEFAULT_STANDARD_CODE } from '../standards/standard-rules.js';
import { missingInputs, type ReviewInputEntry } from '../management-review/review-rules.js';
import type {
  ClauseRatingInput,
  EvidenceInput,
  FindingInput,
  InternalAuditInput,
  ManagementReviewInput,
  ReadinessClause,
  UnitReadinessInput,
} from './readiness.js';

/**
 * Loads what the readiness engine needs for a set of units in a fixed number of set-based queries
 * (units, current assessments, clauses, ratings, evidence, findings), whatever the number of units:
 * a national deployment asks for thousands at once, so nothing here runs a query per unit.
 */

/** Which units: a whole organisation (optionally narrowed to some of its units), or a list of units. */
export type UnitSelection =
  { organisationId: string; unitIds?: readonly string[] } | { unitIds: readonly string[] };

export interface LoadedUnit {
  unitId: string;
  organisationId: string;
  code: string;
  name: string;
  /** The unit's current assessment (most recent by start date, any state); null before the first. */
  assessmentId: string | null;
  input: UnitReadinessInput;
}

type Row = Record<string, unknown>;

const flag = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
const text = (v: unknown): string => String(v);
/** A calendar day, read as text (the queries cast date columns, so no driver turns it into a Date). */
const day = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

async function run(m: EntityManager, sql: string, params: Record<string, unknown>): Promise<Row[]> {
  const [query, values] = m.connection.driver.escapeQueryWithParameters(sql, params);
  return m.query<Row[]>(query, values);
}

function unitFilter(selection: UnitSelection): { where: string; params: Record<string, unknown> } {
  const parts = ['u.withdrawn_at IS NULL'];
  const params: Record<string, unknown> = {};
  if ('organisationId' in selection) {
    parts.push('u.organisation_id = :organisationId');
    params.organisationId = selection.organisationId;
  }
  if (selection.unitIds) {
    parts.push(selection.unitIds.length > 0 ? 'u.id IN (:...unitIds)' : '1 = 0');
    params.unitIds = selection.unitIds;
  }
  return { where: parts.join(' AND '), params };
}

/** The most recent assessment of each selected unit (ties broken by creation time, then id). */
const currentAssessmentSql = (where: string): string => `
  SELECT ranked.id, ranked.unit_id, ranked.standard_id FROM (
    SELECT a.id, a.unit_id, a.standard_id,
      ROW_NUMBER() OVER (
        PARTITION BY a.unit_id ORDER BY a.starts_on DESC, a.created_at DESC, a.id DESC
      ) AS position
    FROM assessment a INNER JOIN unit u ON u.id = a.unit_id
    WHERE ${where}
  ) ranked WHERE ranked.position = 1`;

interface ClauseCatalogue {
  clauses: ReadinessClause[];
  numberOf: Map<string, string>;
}

async function loadCatalogues(
  m: EntityManager,
  standardIds: string[],
): Promise<Map<string, ClauseCatalogue>> {
  const catalogues = new Map<string, ClauseCatalogue>();
  if (standardIds.length === 0) return catalogues;
  const rows = await run(
    m,
    `SELECT c.id, c.standard_id, c.number, c.parent_id, c.is_leaf, c.maintains_documents,
       c.retains_records
     FROM clause c WHERE c.standard_id IN (:...standardIds) ORDER BY c.sort_key`,
    { standardIds },
  );
  const numberById = new Map(rows.map((r) => [text(r.id), text(r.number)]));
  for (const r of rows) {
    const standardId = text(r.standard_id);
    let catalogue = catalogues.get(standardId);
    if (!catalogue) {
      catalogue = { clauses: [], numberOf: new Map() };
      catalogues.set(standardId, catalogue);
    }
    catalogue.numberOf.set(text(r.id), text(r.number));
    catalogue.clauses.push({
      number: text(r.number),
      parentNumber: r.parent_id ? (numberById.get(text(r.parent_id)) ?? null) : null,
      isLeaf: flag(r.is_leaf),
      maintainsDocuments: flag(r.maintains_documents),
      retainsRecords: flag(r.retains_records),
    });
  }
  return catalogues;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Readiness inputs of every selected unit that is not withdrawn, ordered by unit code. */
export async function loadReadinessInputs(
  m: EntityManager,
  selection: UnitSelection,
  today: string,
): Promise<LoadedUnit[]> {
  const { where, params } = unitFilter(selection);
  const units = await run(
    m,
    `SELECT u.id, u.organisation_id, u.code, u.name FROM unit u WHERE ${where} ORDER BY u.code`,
    params,
  );
  if (units.length === 0) return [];

  // The current assessment of each unit with its ratings folded into one text per unit
  // ("clause id:rating,…", "-" for a clause that does not apply): one row per unit instead of one
  // per clause, which is most of what this endpoint would otherwise spend. A subquery per
  // assessment reads its rows through the index, with no sort of all the rows at once.
  const current = await run(
    m,
    `WITH current_assessment AS (${currentAssessmentSql(where)})
     SELECT cur.unit_id, cur.id, cur.standard_id,
       (SELECT string_agg(ca.clause_id || ':' || CASE WHEN ca.applicable THEN ca.rating ELSE '-' END, ',')
        FROM clause_assessment ca WHERE ca.assessment_id = cur.id) AS ratings
     FROM current_assessment cur`,
    params,
  );
  const assessmentOf = new Map(current.map((r) => [text(r.unit_id), r]));
  const standardIds = new Set(current.map((r) => text(r.standard_id)));
  let fallbackId = '';
  if (units.some((u) => !assessmentOf.has(text(u.id)))) {
    const [fallback] = await run(
      m,
      `SELECT s.id FROM standard s ORDER BY CASE WHEN s.code = :code THEN 0 ELSE 1 END, s.code`,
      { code: DEFAULT_STANDARD_CODE },
    );
    if (fallback) standardIds.add((fallbackId = text(fallback.id)));
  }
  const catalogues = await loadCatalogues(m, [...standardIds]);
  const none: ClauseCatalogue = { clauses: [], numberOf: new Map() };
  const catalogueOf = (unitId: string): ClauseCatalogue => {
    const a = assessmentOf.get(unitId);
    return catalogues.get(a ? text(a.standard_id) : fallbackId) ?? none;
  };

  const ratings = new Map<string, ClauseRatingInput[]>();
  for (const r of current) {
    const unitId = text(r.unit_id);
    const { numberOf } = catalogueOf(unitId);
    const list: ClauseRatingInput[] = [];
    for (const item of r.ratings ? text(r.ratings).split(',') : []) {
      const at = item.indexOf(':');
      const clauseNumber = numberOf.get(item.slice(0, at));
      if (clauseNumber === undefined) continue;
      const rating = item.slice(at + 1);
      list.push(
        rating === '-'
          ? { clauseNumber, applicable: false, rating: 'not_assessed' }
          : { clauseNumber, applicable: true, rating: rating as Rating },
      );
    }
    ratings.set(unitId, list);
  }

  // Only evidence that can count is loaded: accepted, not withdrawn, valid today. The engine
  // applies the same rule again (isEvidencePresent); this filter only spares loading the rest.
  // Folded into one text per unit ("evidence id|valid until|clause id,…"), as the ratings are.
  const evidence = new Map<string, EvidenceInput[]>();
  for (const r of await run(
    m,
    `SELECT e.unit_id,
       string_agg(e.id || '|' || COALESCE(CAST(e.valid_until AS VARCHAR(10)), '') || '|' ||
         ec.clause_id, ',') AS items
     FROM evidence e
     INNER JOIN unit u ON u.id = e.unit_id
     INNER JOIN evidence_clause ec ON ec.evidence_id = e.id
     WHERE ${where} AND e.status = 'accepted' AND e.withdrawn_at IS NULL
       AND (e.valid_until IS NULL OR e.valid_until >= :today)
     GROUP BY e.unit_id`,
    { ...params, today },
  )) {
    const unitId = text(r.unit_id);
    const { numberOf } = catalogueOf(unitId);
    const items = new Map<string, { clauseNumbers: string[]; validUntil: string | null }>();
    for (const part of text(r.items).split(',')) {
      const [id, validUntil, clauseId] = part.split('|');
      const clauseNumber = numberOf.get(clauseId);
      if (clauseNumber === undefined) continue;
      const item = items.get(id);
      if (item) item.clauseNumbers.push(clauseNumber);
      else items.set(id, { clauseNumbers: [clauseNumber], validUntil: validUntil || null });
    }
    evidence.set(
      unitId,
      [...items.values()].map((e) => ({ ...e, status: 'accepted', withdrawn: false })),
    );
  }

  // Findings of every cycle of the unit: an open major from an earlier cycle still blocks.
  const findings = new Map<string, FindingInput[]>();
  for (const r of await run(
    m,
    `SELECT a.unit_id, c.number, f.grade, f.state, CAST(ca.due_on AS VARCHAR(10)) AS due_on
     FROM finding f
     INNER JOIN assessment a ON a.id = f.assessment_id
     INNER JOIN unit u ON u.id = a.unit_id
     INNER JOIN clause c ON c.id = f.clause_id
     LEFT JOIN corrective_action ca ON ca.finding_id = f.id
     WHERE ${where}`,
    params,
  )) {
    push(findings, text(r.unit_id), {
      clauseNumber: text(r.number),
      grade: text(r.grade) as FindingGrade,
      state: text(r.state) as FindingState,
      dueOn: day(r.due_on),
    });
  }

  // The end of each unit's latest satisfaction survey period (SKM), for the yearly-survey check.
  const lastSurvey = new Map<string, string | null>();
  for (const r of await run(
    m,
    `SELECT s.unit_id, MAX(CAST(s.period_ends_on AS VARCHAR(10))) AS ends_on
     FROM satisfaction_survey s INNER JOIN unit u ON u.id = s.unit_id
     WHERE ${where} GROUP BY s.unit_id`,
    params,
  ))
    lastSurvey.set(text(r.unit_id), day(r.ends_on));

  // The open entries of each unit's risk register (6.1).
  const risks = new Map<string, RegisterEntry[]>();
  for (const r of await run(
    m,
    `SELECT r.unit_id, r.code, r.kind, r.level, r.treatment,
       CAST(r.reviewed_on AS VARCHAR(10)) AS reviewed_on
     FROM risk r INNER JOIN unit u ON u.id = r.unit_id
     WHERE ${where} AND r.withdrawn_at IS NULL ORDER BY r.code`,
    params,
  ))
    push(risks, text(r.unit_id), {
      code: text(r.code),
      kind: text(r.kind) as RiskKind,
      level: text(r.level) as RiskLevel,
      treatment: r.treatment === null ? null : text(r.treatment),
      reviewedOn: text(r.reviewed_on),
    });

  // Open quality objectives (6.2) and the periods measured lately: the last due period of any
  // frequency ended within the last 6 months and 30 days, so older measurements are not read.
  const objectives = new Map<string, ObjectiveDue[]>();
  const measured = new Map<string, string[]>();
  for (const r of await run(
    m,
    `SELECT ms.objective_id, ms.period FROM objective_measurement ms
     INNER JOIN unit u ON u.id = ms.unit_id
     WHERE ${where} AND ms.period_ends_on >= :since`,
    { ...params, since: addDays(today, -250) },
  ))
    push(measured, text(r.objective_id), text(r.period));
  for (const r of await run(
    m,
    `SELECT o.id, o.unit_id, o.code, o.frequency, o.first_period
     FROM quality_objective o INNER JOIN unit u ON u.id = o.unit_id
     WHERE ${where} AND o.withdrawn_at IS NULL ORDER BY o.code`,
    params,
  ))
    push(objectives, text(r.unit_id), {
      code: text(r.code),
      frequency: text(r.frequency) as Frequency,
      firstPeriod: text(r.first_period),
      measured: measured.get(text(r.id)) ?? [],
    });
  // Controlled documents with an effective revision: the unit's own and the organisation-wide
  // ones of its organisation (e.g. the city's quality policy held by Setda), one row per clause.
  type LoadedDocument = DocumentPresence & { clauseNumbers: string[] };
  const documents = new Map<string, Map<string, LoadedDocument>>();
  for (const r of await run(
    m,
    `SELECT u.id AS unit_id, d.id AS document_id, d.review_months,
       CAST(d.last_reviewed_on AS VARCHAR(10)) AS last_reviewed_on,
       CASE WHEN d.rejected_reason IS NULL THEN 0 ELSE 1 END AS rejected,
       CAST(r.effective_from AS VARCHAR(10)) AS effective_from, dc.clause_id
     FROM unit u
     INNER JOIN unit holder ON holder.organisation_id = u.organisation_id
     INNER JOIN document d ON d.unit_id = holder.id
       AND (holder.id = u.id OR d.organisation_wide = TRUE)
     INNER JOIN document_revision r ON r.document_id = d.id AND r.state = 'effective'
     INNER JOIN document_clause dc ON dc.document_id = d.id
     WHERE ${where}`,
    params,
  )) {
    const unitId = text(r.unit_id);
    const clauseNumber = catalogueOf(unitId).numberOf.get(text(r.clause_id));
    if (clauseNumber === undefined) continue;
    const own = documents.get(unitId) ?? new Map<string, LoadedDocument>();
    documents.set(unitId, own);
    const id = text(r.document_id);
    const existing = own.get(id);
    if (existing) existing.clauseNumbers.push(clauseNumber);
    else
      own.set(id, {
        clauseNumbers: [clauseNumber],
        effective: true,
        rejected: Number(r.rejected) === 1,
        nextReviewOn: nextReviewOn(
          day(r.effective_from),
          day(r.last_reviewed_on),
          Number(r.review_months),
        ),
      });
  }
  const graceDays = documentReviewGraceDays();
  // The latest reported internal audit of each unit, with its nonconformities still unplanned.
  const lastAudit = new Map<string, InternalAuditInput>();
  for (const r of await run(
    m,
    `SELECT ranked.unit_id, ranked.completed_on,
       (SELECT COUNT(*) FROM finding f WHERE f.assessment_id = ranked.id
          AND f.grade IN ('major', 'minor') AND f.state IN ('open', 'reopened')) AS unplanned
     FROM (
       SELECT a.id, a.unit_id, CAST(COALESCE(a.ends_on, a.starts_on) AS VARCHAR(10)) AS completed_on,
         ROW_NUMBER() OVER (
           PARTITION BY a.unit_id ORDER BY COALESCE(a.ends_on, a.starts_on) DESC, a.id DESC
         ) AS position
       FROM assessment a INNER JOIN unit u ON u.id = a.unit_id
       WHERE ${where} AND a.type = 'internal_audit' AND a.state = 'reported'
     ) ranked WHERE ranked.position = 1`,
    params,
  ))
    lastAudit.set(text(r.unit_id), {
      completedOn: day(r.completed_on)!,
      unplannedFindings: Number(r.unplanned),
    });

  // Management reviews: the latest closed one of each unit; where it is older than 12 months (or
  // missing), the latest draft of the last 12 months instead, to name the inputs it still lacks.
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const lastReview = new Map<string, ManagementReviewInput>();
  for (const r of await run(
    m,
    `SELECT r.unit_id, MAX(CAST(r.held_on AS VARCHAR(10))) AS held_on
     FROM management_review r INNER JOIN unit u ON u.id = r.unit_id
     WHERE ${where} AND r.state = 'closed' GROUP BY r.unit_id`,
    params,
  ))
    lastReview.set(text(r.unit_id), { heldOn: day(r.held_on)!, closed: true, missingInputs: [] });
  for (const r of await run(
    m,
    `SELECT r.unit_id, CAST(r.held_on AS VARCHAR(10)) AS held_on, r.inputs
     FROM management_review r INNER JOIN unit u ON u.id = r.unit_id
     WHERE ${where} AND r.state = 'draft' AND r.held_on >= :yearAgo
     ORDER BY r.held_on DESC, r.id DESC`,
    { ...params, yearAgo },
  )) {
    const unitId = text(r.unit_id);
    const closed = lastReview.get(unitId);
    if (closed && (closed.closed ? yearAfter(closed.heldOn) >= today : true)) continue;
    const inputs = JSON.parse(text(r.inputs)) as ReviewInputEntry[];
    lastReview.set(unitId, {
      heldOn: day(r.held_on)!,
      closed: false,
      missingInputs: missingInputs(inputs),
    });
  }

  return units.map((u) => {
    const unitId = text(u.id);
    const a = assessmentOf.get(unitId);
    return {
      unitId,
      organisationId: text(u.organisation_id),
      code: text(u.code),
      name: text(u.name),
      assessmentId: a ? text(a.id) : null,
      input: {
        clauses: catalogueOf(unitId).clauses,
        ratings: ratings.get(unitId) ?? [],
        evidence: evidence.get(unitId) ?? [],
        findings: findings.get(unitId) ?? [],
        today,
        lastSurveyEndsOn: lastSurvey.get(unitId) ?? null,
        riskRegister: risks.get(unitId) ?? [],
        objectives: objectives.get(unitId) ?? [],
        documents: [...(documents.get(unitId)?.values() ?? [])],
        documentReviewGraceDays: graceDays,
        lastInternalAudit: lastAudit.get(unitId) ?? null,
        lastManagementReview: lastReview.get(unitId) ?? null,
      },
    };
  });
}
