import type { AssessmentState } from '../assessments/assessment-types.js';
import type { AuditProgramme, AuditProgrammeEntry } from './audit-programme.entity.js';
import {
  entryStatus,
  monthsOf,
  type AuditMethod,
  type EntryStatus,
  type IndependenceException,
} from './programme-rules.js';

export interface AuditorView {
  id: string;
  username: string;
  displayName: string;
}

export interface EntryView {
  id: string;
  programmeId: string;
  year: number;
  unit: { id: string; code: string; name: string };
  scopeClauses: string[];
  scopeProcesses: string | null;
  plannedStartOn: string;
  plannedEndOn: string;
  /** Months (1–12) of the programme's year the audit spans: the calendar view's columns. */
  months: number[];
  leadAuditor: AuditorView;
  team: AuditorView[];
  criteria: string;
  method: AuditMethod;
  status: EntryStatus;
  overdue: boolean;
  postponedReason: string | null;
  independenceExceptions: IndependenceException[];
  assessmentId: string | null;
  assessmentState: AssessmentState | null;
}

export interface ProgrammeSummaryView {
  id: string;
  organisationId: string;
  year: number;
  title: string;
}

export interface ProgrammeView extends ProgrammeSummaryView {
  /** Counts over the entries the caller sees. */
  counts: Record<EntryStatus, number> & { overdue: number };
  entries: EntryView[];
}

export type EntryRecord = AuditProgrammeEntry & {
  unit: { id: string; code: string; name: string };
  assessment: { state: AssessmentState } | null;
};

export const programmeSummary = (p: AuditProgramme): ProgrammeSummaryView => ({
  id: p.id,
  organisationId: p.organisationId,
  year: p.year,
  title: p.title,
});

export function entryView(
  e: EntryRecord,
  year: number,
  people: Map<string, AuditorView>,
  today: string,
): EntryView {
  const person = (id: string): AuditorView =>
    people.get(id) ?? { id, username: '', displayName: '' };
  const assessmentState = e.assessment?.state ?? null;
  return {
    id: e.id,
    programmeId: e.programmeId,
    year,
    unit: { id: e.unit.id, code: e.unit.code, name: e.unit.name },
    scopeClauses: e.scopeClauses,
    scopeProcesses: e.scopeProcesses,
    plannedStartOn: e.plannedStartOn,
    plannedEndOn: e.plannedEndOn,
    months: monthsOf(e.plannedStartOn, e.plannedEndOn, year),
    leadAuditor: person(e.leadAuditorId),
    team: e.teamIds.map(person),
    criteria: e.criteria,
    method: e.method,
    ...entryStatus({ status: e.status, assessmentState, plannedEndOn: e.plannedEndOn }, today),
    postponedReason: e.postponedReason,
    independenceExceptions: e.independenceExceptions,
    assessmentId: e.assessmentId,
    assessmentState,
  };
}

export function programmeView(p: AuditProgramme, entries: EntryView[]): ProgrammeView {
  const counts = { planned: 0, in_progress: 0, done: 0, postponed: 0, overdue: 0 };
  for (const e of entries) {
    counts[e.status] += 1;
    if (e.overdue) counts.overdue += 1;
  }
  return { ...programmeSummary(p), counts, entries };
}
