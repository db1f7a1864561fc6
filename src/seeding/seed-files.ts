import { parse } from 'yaml';
import { ROLES, type Role } from '../auth/role.js';
import {
  ASSESSMENT_STATES,
  ASSESSMENT_TYPES,
  RATINGS,
  type AssessmentState,
  type AssessmentType,
  type Rating,
} from '../assessments/assessment-types.js';
import { EVIDENCE_STATUSES, type EvidenceStatus } from '../evidence/evidence-status.js';
import {
  FINDING_GRADES,
  FINDING_STATES,
  type FindingGrade,
  type FindingState,
} from '../findings/finding-types.js';

/*
 * Readers for the human-editable files in seeds/: they check shape and vocabulary and say which
 * entry is wrong. Cross-references (a clause number that must exist) are checked by the seeder.
 */

export class SeedFileError extends Error {
  override name = 'SeedFileError';
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function req(o: Rec, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !v.trim()) throw new SeedFileError(`${where}: ${key} is required`);
  return v.trim();
}
function opt(o: Rec, key: string, where: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new SeedFileError(`${where}: ${key} must be text`);
  return v.trim() || null;
}
function date(o: Rec, key: string, where: string, required: true): string;
function date(o: Rec, key: string, where: string, required?: false): string | null;
function date(o: Rec, key: string, where: string, required = false): string | null {
  let v = o[key];
  if (v instanceof Date) v = v.toISOString().slice(0, 10);
  if (v === undefined || v === null) {
    if (required) throw new SeedFileError(`${where}: ${key} is required`);
    return null;
  }
  if (typeof v !== 'string' || !DATE.test(v))
    throw new SeedFileError(`${where}: ${key} must be a date YYYY-MM-DD`);
  return v;
}
function oneOf<T extends string>(
  o: Rec,
  key: string,
  allowed: readonly T[],
  where: string,
  fallback?: T,
): T {
  const v = o[key] ?? fallback;
  if (!allowed.includes(v as T))
    throw new SeedFileError(`${where}: ${key} must be one of ${allowed.join(', ')}`);
  return v as T;
}
function list(o: Rec, key: string, where: string): unknown[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) throw new SeedFileError(`${where}: ${key} must be a list`);
  return v;
}
function strings(o: Rec, key: string, where: string): string[] {
  return list(o, key, where).map((s) => {
    if (typeof s !== 'string' && typeof s !== 'number')
      throw new SeedFileError(`${where}: ${key} must list texts`);
    return String(s);
  });
}
function map(o: Rec, key: string, where: string): Record<string, string> {
  const v = o[key] ?? {};
  if (!isRecord(v)) throw new SeedFileError(`${where}: ${key} must be a mapping`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

export interface OrganisationSeed {
  code: string;
  name: string;
  province: string | null;
  timezone: string;
  reportPrefix: string;
  units: { code: string; name: string; shortName: string | null; description: string | null }[];
}

export function parseOrganisationFile(source: string, file: string): OrganisationSeed {
  const doc: unknown = parse(source);
  if (!isRecord(doc)) throw new SeedFileError(`${file}: not an organisation`);
  const units = list(doc, 'units', file).map((u, i) => {
    const where = `${file}: units[${i}]`;
    if (!isRecord(u)) throw new SeedFileError(`${where}: not a mapping`);
    return {
      code: req(u, 'code', where),
      name: req(u, 'name', where),
      shortName: opt(u, 'shortName', where),
      description: opt(u, 'description', where),
    };
  });
  const codes = units.map((u) => u.code);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) throw new SeedFileError(`${file}: unit ${twice} appears twice`);
  return {
    code: req(doc, 'code', file),
    name: req(doc, 'name', file),
    province: opt(doc, 'province', file),
    timezone: opt(doc, 'timezone', file) ?? 'Asia/Makassar',
    reportPrefix: req(doc, 'reportPrefix', file),
    units,
  };
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  units: string[];
}
export interface DemoAssessment {
  unit: string;
  type: AssessmentType;
  title: string;
  startsOn: string;
  endsOn: string | null;
  state: AssessmentState;
  assessors: string[];
  scope: string | null;
  ratings: Record<string, Rating>;
  notApplicable: Record<string, string>;
  notes: Record<string, string>;
}
export interface DemoEvidence {
  unit: string;
  title: string;
  description: string | null;
  clauses: string[];
  validUntil: string | null;
  status: EvidenceStatus;
  reviewReason: string | null;
  reference: string | null;
  file: string | null;
}
export interface DemoFinding {
  unit: string;
  clause: string;
  grade: FindingGrade;
  statement: string;
  objectiveEvidence: string | null;
  state: FindingState;
  correctiveAction: {
    correction: string | null;
    rootCause: string | null;
    action: string | null;
    owner: string | null;
    dueOn: string | null;
  } | null;
}
/** A past point of a unit's readiness trend, dated relative to the day the demo is loaded. */
export interface DemoHistoryPoint {
  unit: string;
  daysAgo: number;
  /** The readiness score then, 0–1 (written as a percentage in the file). */
  score: number;
}
export interface DemoSeed {
  organisation: string;
  standard: string;
  users: DemoUser[];
  assessments: DemoAssessment[];
  evidence: DemoEvidence[];
  findings: DemoFinding[];
  history: DemoHistoryPoint[];
}

const MAX_DAYS_AGO = 3650;

function parseHistory(doc: Rec, file: string): DemoHistoryPoint[] {
  const history = doc.history ?? {};
  if (!isRecord(history))
    throw new SeedFileError(`${file}: history must map unit codes to lists of points`);
  return Object.entries(history).flatMap(([unit, points]) => {
    if (!Array.isArray(points))
      throw new SeedFileError(`${file}: history of ${unit} must be a list of points`);
    const seen = new Set<number>();
    return points.map((p: unknown, i) => {
      const where = `${file}: history of ${unit}[${i}]`;
      if (!isRecord(p)) throw new SeedFileError(`${where}: not a mapping`);
      const { daysAgo, percent } = p;
      if (
        typeof daysAgo !== 'number' ||
        !Number.isInteger(daysAgo) ||
        daysAgo < 1 ||
        daysAgo > MAX_DAYS_AGO
      )
        throw new SeedFileError(
          `${where}: daysAgo must be a whole number from 1 to ${MAX_DAYS_AGO}`,
        );
      if (seen.has(daysAgo)) throw new SeedFileError(`${where}: daysAgo ${daysAgo} appears twice`);
      seen.add(daysAgo);
      if (typeof percent !== 'number' || !(percent >= 0 && percent <= 100))
        throw new SeedFileError(`${where}: percent must be a number from 0 to 100`);
      return { unit, daysAgo, score: percent / 100 };
    });
  });
}

export function parseDemoFile(source: string, file: string): DemoSeed {
  const doc: unknown = parse(source);
  if (!isRecord(doc) || doc.demo !== true)
    throw new SeedFileError(`${file}: a demo file must say demo: true`);
  const entry = (kind: string, i: number, v: unknown): [Rec, string] => {
    const where = `${file}: ${kind}[${i}]`;
    if (!isRecord(v)) throw new SeedFileError(`${where}: not a mapping`);
    return [v, where];
  };
  const users = list(doc, 'users', file).map((v, i) => {
    const [u, where] = entry('users', i, v);
    return {
      username: req(u, 'username', where),
      displayName: req(u, 'displayName', where),
      role: oneOf(u, 'role', ROLES, where),
      units: strings(u, 'units', where),
    };
  });
  const assessments = list(doc, 'assessments', file).map((v, i) => {
    const [a, where] = entry('assessments', i, v);
    const ratings = map(a, 'ratings', where);
    for (const [clause, rating] of Object.entries(ratings)) {
      if (!RATINGS.includes(rating as Rating))
        throw new SeedFileError(
          `${where}: rating of ${clause} must be one of ${RATINGS.join(', ')}`,
        );
    }
    const notApplicable = map(a, 'notApplicable', where);
    const both = Object.keys(notApplicable).find((c) => c in ratings);
    if (both) throw new SeedFileError(`${where}: clause ${both} is both rated and not applicable`);
    return {
      unit: req(a, 'unit', where),
      type: oneOf(a, 'type', ASSESSMENT_TYPES, where),
      title: req(a, 'title', where),
      startsOn: date(a, 'startsOn', where, true),
      endsOn: date(a, 'endsOn', where),
      state: oneOf(a, 'state', ASSESSMENT_STATES, where, 'draft'),
      assessors: strings(a, 'assessors', where),
      scope: opt(a, 'scope', where),
      ratings: ratings as Record<string, Rating>,
      notApplicable,
      notes: map(a, 'notes', where),
    };
  });
  const evidence = list(doc, 'evidence', file).map((v, i) => {
    const [e, where] = entry('evidence', i, v);
    const status = oneOf(e, 'status', EVIDENCE_STATUSES, where, 'submitted');
    const reviewReason = opt(e, 'reviewReason', where);
    if (status === 'rejected' && !reviewReason)
      throw new SeedFileError(`${where}: a rejected item needs a reviewReason`);
    const clauses = strings(e, 'clauses', where);
    if (clauses.length === 0) throw new SeedFileError(`${where}: clauses are required`);
    return {
      unit: req(e, 'unit', where),
      title: req(e, 'title', where),
      description: opt(e, 'description', where),
      clauses,
      validUntil: date(e, 'validUntil', where),
      status,
      reviewReason,
      reference: opt(e, 'reference', where),
      file: opt(e, 'file', where),
    };
  });
  const findings = list(doc, 'findings', file).map((v, i) => {
    const [f, where] = entry('findings', i, v);
    const ca = f.correctiveAction;
    if (ca !== undefined && !isRecord(ca))
      throw new SeedFileError(`${where}: correctiveAction must be a mapping`);
    return {
      unit: req(f, 'unit', where),
      clause: typeof f.clause === 'number' ? String(f.clause) : req(f, 'clause', where),
      grade: oneOf(f, 'grade', FINDING_GRADES, where),
      statement: req(f, 'statement', where),
      objectiveEvidence: opt(f, 'objectiveEvidence', where),
      state: oneOf(f, 'state', FINDING_STATES, where, 'open'),
      correctiveAction: ca
        ? {
            correction: opt(ca, 'correction', `${where} correctiveAction`),
            rootCause: opt(ca, 'rootCause', `${where} correctiveAction`),
            action: opt(ca, 'action', `${where} correctiveAction`),
            owner: opt(ca, 'owner', `${where} correctiveAction`),
            dueOn: date(ca, 'dueOn', `${where} correctiveAction`),
          }
        : null,
    };
  });
  return {
    organisation: req(doc, 'organisation', file),
    standard: req(doc, 'standard', file),
    users,
    assessments,
    evidence,
    findings,
    history: parseHistory(doc, file),
  };
}
