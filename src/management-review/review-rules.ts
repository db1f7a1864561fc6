/**
 * Management review rules (ISO 9001 9.3), as plain functions. The 9.3.2 inputs are listed once,
 * here, with their codes and texts in both languages: the API, the pages, the minutes and the
 * readiness blocker all read this list.
 */

export interface ReviewInputDefinition {
  code: string;
  /** Where ISO 9001:2015 asks for it. */
  clause: string;
  text: { id: string; en: string };
}

export const REVIEW_INPUTS = [
  {
    code: 'previous_actions',
    clause: '9.3.2 a',
    text: {
      id: 'Status tindakan dari tinjauan manajemen sebelumnya',
      en: 'Status of actions from previous management reviews',
    },
  },
  {
    code: 'context_changes',
    clause: '9.3.2 b',
    text: {
      id: 'Perubahan isu eksternal dan internal yang relevan dengan sistem manajemen mutu',
      en: 'Changes in external and internal issues relevant to the quality management system',
    },
  },
  {
    code: 'customer_satisfaction',
    clause: '9.3.2 c 1',
    text: {
      id: 'Kepuasan pelanggan dan umpan balik pihak berkepentingan (SKM, pengaduan)',
      en: 'Customer satisfaction and feedback from interested parties (SKM, complaints)',
    },
  },
  {
    code: 'objectives_met',
    clause: '9.3.2 c 2',
    text: {
      id: 'Sejauh mana sasaran mutu telah tercapai',
      en: 'Extent to which quality objectives have been met',
    },
  },
  {
    code: 'process_performance',
    clause: '9.3.2 c 3',
    text: {
      id: 'Kinerja proses dan kesesuaian produk dan layanan',
      en: 'Process performance and conformity of products and services',
    },
  },
  {
    code: 'nonconformities',
    clause: '9.3.2 c 4',
    text: {
      id: 'Ketidaksesuaian dan tindakan korektif',
      en: 'Nonconformities and corrective actions',
    },
  },
  {
    code: 'monitoring_results',
    clause: '9.3.2 c 5',
    text: { id: 'Hasil pemantauan dan pengukuran', en: 'Monitoring and measurement results' },
  },
  {
    code: 'audit_results',
    clause: '9.3.2 c 6',
    text: { id: 'Hasil audit', en: 'Audit results' },
  },
  {
    code: 'external_providers',
    clause: '9.3.2 c 7',
    text: { id: 'Kinerja penyedia eksternal', en: 'Performance of external providers' },
  },
  {
    code: 'resources',
    clause: '9.3.2 d',
    text: { id: 'Kecukupan sumber daya', en: 'Adequacy of resources' },
  },
  {
    code: 'risk_actions',
    clause: '9.3.2 e',
    text: {
      id: 'Efektivitas tindakan untuk menangani risiko dan peluang',
      en: 'Effectiveness of actions taken to address risks and opportunities',
    },
  },
  {
    code: 'improvement',
    clause: '9.3.2 f',
    text: { id: 'Peluang untuk peningkatan', en: 'Opportunities for improvement' },
  },
] as const satisfies readonly ReviewInputDefinition[];

export type ReviewInputCode = (typeof REVIEW_INPUTS)[number]['code'];
export const REVIEW_INPUT_CODES: readonly ReviewInputCode[] = REVIEW_INPUTS.map((i) => i.code);

/** Kinds of Mutu record an input may point to. */
export const RECORD_LINK_KINDS = [
  'assessment',
  'finding',
  'evidence',
  'satisfaction_survey',
  'audit_programme_entry',
  'management_review',
] as const;
export type RecordLinkKind = (typeof RECORD_LINK_KINDS)[number];

export interface RecordLink {
  kind: RecordLinkKind;
  id: string;
}

export interface ReviewInputEntry {
  code: ReviewInputCode;
  discussed: boolean;
  note: string | null;
  links: RecordLink[];
}

export const REVIEW_STATES = ['draft', 'closed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_ACTION_STATUSES = ['open', 'done'] as const;
export type ReviewActionStatus = (typeof REVIEW_ACTION_STATUSES)[number];

/** A fresh checklist: every input, none discussed yet. */
export const emptyInputs = (): ReviewInputEntry[] =>
  REVIEW_INPUT_CODES.map((code) => ({ code, discussed: false, note: null, links: [] }));

/**
 * The checklist with `updates` applied, always every input once and in the list's order (an
 * update of an input that is not in the list never reaches here: the DTO allows only the codes).
 */
export function applyInputs(
  current: readonly ReviewInputEntry[],
  updates: readonly Partial<ReviewInputEntry>[],
): ReviewInputEntry[] {
  const byCode = new Map(current.map((i) => [i.code, i]));
  for (const u of updates) {
    if (!u.code) continue;
    const before = byCode.get(u.code) ?? { code: u.code, discussed: false, note: null, links: [] };
    byCode.set(u.code, {
      code: u.code,
      discussed: u.discussed ?? before.discussed,
      note: u.note === undefined ? before.note : u.note,
      links: u.links ?? before.links,
    });
  }
  return REVIEW_INPUT_CODES.map(
    (code) => byCode.get(code) ?? { code, discussed: false, note: null, links: [] },
  );
}

/** Inputs of 9.3.2 the review has not discussed, in the list's order. */
export function missingInputs(inputs: readonly Pick<ReviewInputEntry, 'code' | 'discussed'>[]) {
  const discussed = new Set(inputs.filter((i) => i.discussed).map((i) => i.code));
  return REVIEW_INPUT_CODES.filter((code) => !discussed.has(code));
}

export const inputText = (code: string, lang: 'id' | 'en'): string =>
  REVIEW_INPUTS.find((i) => i.code === code)?.text[lang] ?? code;

export interface DecisionDraft {
  action?: string | null;
  owner?: string | null;
  dueOn?: string | null;
}

/**
 * What a decision with an action lacks: an action needs an owner and a due date not before the
 * review; an owner or a due date without an action is refused too (it would track nothing).
 */
export function decisionProblems(
  d: DecisionDraft,
  heldOn: string,
): { field: string; rule: string }[] {
  const problems: { field: string; rule: string }[] = [];
  const hasAction = Boolean(d.action && d.action.trim());
  if (hasAction) {
    if (!d.owner || !d.owner.trim()) problems.push({ field: 'owner', rule: 'requiredWithAction' });
    if (!d.dueOn) problems.push({ field: 'dueOn', rule: 'requiredWithAction' });
  } else {
    if (d.owner) problems.push({ field: 'owner', rule: 'onlyWithAction' });
    if (d.dueOn) problems.push({ field: 'dueOn', rule: 'onlyWithAction' });
  }
  if (d.dueOn && d.dueOn < heldOn) problems.push({ field: 'dueOn', rule: 'notBeforeReview' });
  return problems;
}

/** An open review action is overdue the day after its due date, like a corrective action. */
export const isActionOverdue = (
  a: { actionStatus: ReviewActionStatus | null; dueOn: string | null },
  today: string,
): boolean => a.actionStatus === 'open' && a.dueOn !== null && a.dueOn < today;
