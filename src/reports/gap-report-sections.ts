import { formatDateId } from '../common/dates.js';
import { formatPercent } from '../common/numbers.js';
import { isNonconformity } from '../findings/finding-rules.js';
import { FINDING_GRADES } from '../findings/finding-types.js';
import type { Language } from '../i18n/i18n.js';
import { blockerLines } from '../readiness/blocker-texts.js';
import { summariseClauses, type ReadinessClause } from '../readiness/readiness.js';
import { clausesInReadingOrder, type ClauseNode } from '../standards/clause-tree.js';
import { barChart } from './charts.js';
import { evidenceRows } from './evidence-register.js';
import { auditReviewSection } from './audit-review-section.js';
import { gapDocumentsSection } from './gap-report-documents.js';
import { qualityPlanSection } from './quality-plan-section.js';
import type { GapReportData, ReportStamp } from './gap-report-data.js';
import type { textIn } from './report-document.js';
import { trustedSvg } from './report-templates.js';

export const TARGET_READINESS = 0.8;

/** What every section may use besides the data: the language, the stamp and a few shared figures. */
export interface SectionEnv {
  lang: Language;
  t: ReturnType<typeof textIn>;
  stamp: ReportStamp;
  /** The readiness score shown (the unit's when this is its current cycle, else this cycle's). */
  score: number | null;
  /** "01 Januari 2026 – 30 Juni 2026", or "from …" while the cycle is open. */
  period: string;
  /** The unit's short name, else its name. */
  unitLabel: string;
}

/**
 * One chapter of the gap report: numbered and listed in the table of contents in the order of
 * GAP_REPORT_SECTIONS, rendered by its partial (templates/reports/partials/<partial>.hbs) with the
 * context its `build` returns; a `build` returning null leaves the chapter out.
 */
export interface GapReportSection {
  anchor: string;
  /** Locale key of the chapter title. */
  title: string;
  partial: string;
  /** Starts on a new page. */
  newPage: boolean;
  build(data: GapReportData, env: SectionEnv): object | null;
}

function scopeSection(data: GapReportData, { t, lang, period }: SectionEnv) {
  const { assessment: a, unit, organisation } = data;
  const standardTitle = a.standardTitle[lang];
  const assessors = a.assessors.map((x) => x.displayName);
  return {
    facts: [
      { label: t('report.gap.unit'), value: unit.name },
      { label: t('report.gap.organisation'), value: organisation.name },
      { label: t('report.gap.standard'), value: standardTitle },
      { label: t('report.gap.assessment'), value: a.title },
      { label: t('report.gap.assessment_type'), value: t(`report.type.${a.type}`) },
      { label: t('report.gap.period'), value: period },
      { label: t('report.gap.cycle_state'), value: t(`report.state.${a.state}`) },
      { label: t('report.gap.scope'), value: a.scope ?? t('report.gap.scope_missing') },
    ],
    team: assessors.map((name, i) => ({
      name,
      role: t(i === 0 ? 'report.gap.lead_assessor' : 'report.gap.assessor'),
    })),
    teamMissing: assessors.length ? null : t('report.gap.team_missing'),
  };
}

const readinessClauses = (tree: ClauseNode[]): ReadinessClause[] => {
  const out: ReadinessClause[] = [];
  const walk = (nodes: ClauseNode[], parent: string | null): void => {
    for (const n of nodes) {
      out.push({
        number: n.number,
        parentNumber: parent,
        isLeaf: n.leaf,
        maintainsDocuments: n.documentedInformation.includes('maintain'),
        retainsRecords: n.documentedInformation.includes('retain'),
      });
      walk(n.children, n.number);
    }
  };
  walk(tree, null);
  return out;
};

/** Group scores (clauses 4–10): the readiness service's when current, else the same engine on this cycle's ratings. */
function groupScores(data: GapReportData): { clause: string; score: number | null }[] {
  if (data.readiness) return data.readiness.groups;
  const top = new Set(data.clauseTree.map((n) => n.number));
  return summariseClauses(
    readinessClauses(data.clauseTree),
    data.assessment.clauses.map((c) => ({
      clauseNumber: c.number,
      applicable: c.applicable,
      rating: c.rating,
    })),
  ).filter((s) => top.has(s.clause));
}

function summarySection(data: GapReportData, { t, lang, score, unitLabel }: SectionEnv) {
  const { readiness } = data;
  const summary = data.assessment.summary;
  const rated = summary.applicable - summary.notAssessed;
  const titles = new Map(
    clausesInReadingOrder(data.clauseTree).map((n) => [n.number, n.title[lang]]),
  );
  const groups = groupScores(data).map((g) => ({
    label: `${g.clause} ${titles.get(g.clause) ?? ''}`.trim(),
    value: g.score,
  }));
  return {
    lead:
      score === null
        ? t('report.gap.no_applicable')
        : t('report.gap.summary_lead', {
            unit: unitLabel,
            percent: formatPercent(score, lang),
            applicable: summary.applicable,
          }),
    noRatings: summary.applicable > 0 && rated === 0 ? t('report.gap.no_ratings') : null,
    ready: readiness ? readiness.ready : null,
    readyText: readiness ? t(readiness.ready ? 'report.ready' : 'report.not_ready') : null,
    kpis: [
      { value: formatPercent(score, lang), label: t('report.readiness') },
      { value: String(summary.met), label: t('report.rating.met') },
      { value: String(summary.partlyMet), label: t('report.rating.partly_met') },
      { value: String(summary.notMet), label: t('report.rating.not_met') },
      { value: String(summary.notAssessed), label: t('report.rating.not_assessed') },
      { value: String(summary.notApplicable), label: t('report.gap.not_applicable_count') },
    ],
    groupChart: trustedSvg(
      barChart(groups, { lang, target: TARGET_READINESS, title: t('report.gap.by_group') }),
    ),
    groupChartCaption: `${t('report.gap.by_group_caption')} ${t('report.chart.target', {
      value: formatPercent(TARGET_READINESS, lang),
    })}.`,
    // Grouped by kind, most serious first; each clause links to its row of the clause table.
    blockers: readiness ? blockerLines(readiness.blockers, lang) : [],
    noBlockers: readiness && readiness.blockers.length === 0 ? t('report.gap.no_blockers') : null,
    documented:
      readiness && readiness.documentedInformation.required > 0
        ? t('report.gap.documented', {
            covered: readiness.documentedInformation.covered,
            required: readiness.documentedInformation.required,
          })
        : null,
    superseded: readiness ? null : t('report.gap.superseded'),
  };
}

/** Clause table: every leaf of this cycle under its group and sub-group headings. */
function clausesSection(data: GapReportData, { t, lang }: SectionEnv) {
  const a = data.assessment;
  const ratings = new Map(a.clauses.map((c) => [c.number, c]));
  const evidenceOn = (number: string) => {
    const items = data.evidence.filter((e) => e.clauses.some((c) => c.number === number));
    return `${items.filter((e) => e.present).length}/${items.length}`;
  };
  const hasRatedLeaf = (n: ClauseNode): boolean =>
    n.leaf ? ratings.has(n.number) : n.children.some(hasRatedLeaf);
  const groups = data.clauseTree.filter(hasRatedLeaf).map((group) => ({
    number: group.number,
    title: group.title[lang],
    rows: clausesInReadingOrder(group.children, 1)
      .filter(hasRatedLeaf)
      .map((n) => {
        const r = ratings.get(n.number);
        const rating = !r ? null : r.applicable ? r.rating : 'not_applicable';
        return {
          leaf: n.leaf,
          number: n.number,
          title: n.title[lang],
          depth: Math.min(n.depth, 3),
          rating: rating ?? '',
          ratingText: rating ? t(`report.rating.${rating}`) : '',
          evidence: n.leaf ? evidenceOn(n.number) : '',
          note: r?.note ?? null,
          justification: r && !r.applicable ? r.justification : null,
        };
      }),
  }));
  // A top-level clause that is itself a leaf (none in ISO 9001, possible in another catalogue).
  for (const group of groups) {
    const own = ratings.get(group.number);
    if (own)
      group.rows.unshift({
        leaf: true,
        number: own.number,
        title: own.title[lang],
        depth: 1,
        rating: own.applicable ? own.rating : 'not_applicable',
        ratingText: t(`report.rating.${own.applicable ? own.rating : 'not_applicable'}`),
        evidence: evidenceOn(own.number),
        note: own.note,
        justification: own.applicable ? null : own.justification,
      });
  }
  return { groups };
}

function findingsSection(data: GapReportData, { t, lang }: SectionEnv) {
  const gradeCount = (g: string) => data.findings.filter((f) => f.grade === g).length;
  const grades = FINDING_GRADES.map((grade) => {
    const items = data.findings.filter((f) => f.grade === grade);
    return {
      grade,
      title: t(`report.grade.${grade}`),
      count: items.length,
      items: items.map((f) => {
        const ca = f.correctiveAction;
        const planned = Boolean(ca && (ca.correction || ca.rootCause || ca.action || ca.owner));
        return {
          reference: f.reference,
          clause: f.clause.number,
          clauseTitle: f.clause.title[lang],
          statement: f.statement,
          objectiveEvidence: f.objectiveEvidence,
          state: t(`report.finding_state.${f.state}`),
          needsAction: isNonconformity(f.grade),
          planned,
          correction: ca?.correction ?? null,
          rootCause: ca?.rootCause ?? null,
          action: ca?.action ?? null,
          owner: ca?.owner ?? null,
          dueOn: ca?.dueOn ?? null,
          overdue: f.overdue,
        };
      }),
    };
  });
  return {
    intro: data.findings.length
      ? t('report.gap.findings_intro', {
          total: data.findings.length,
          major: gradeCount('major'),
          minor: gradeCount('minor'),
          observation: gradeCount('observation'),
          improvement: gradeCount('improvement'),
        })
      : null,
    empty: data.findings.length ? null : t('report.gap.no_findings'),
    grades: grades.filter((g) => g.count > 0),
  };
}

function evidenceSection(data: GapReportData, { t, lang }: SectionEnv) {
  return {
    intro: t('report.gap.evidence_intro'),
    table: {
      rows: evidenceRows(data.evidence, lang),
      empty: data.evidence.length ? null : t('report.evidence.empty'),
    },
  };
}

function signOffSection(data: GapReportData, { t, stamp, unitLabel }: SectionEnv) {
  const a = data.assessment;
  return {
    signatories: [
      ...(a.assessors.length ? a.assessors : [null]).map((x, i) => ({
        role: i === 0 ? t('report.prepared_by') : '',
        name: x?.displayName ?? null,
        position: t(i === 0 ? 'report.gap.lead_assessor' : 'report.gap.assessor'),
        nip: null,
        date: x && stamp.issuedBy?.id === x.id ? stamp.generatedAt : null,
      })),
      {
        role: t('report.acknowledged_by'),
        name: null,
        position: t('report.gap.head_of_unit', { unit: unitLabel }),
        nip: null,
        date: null,
      },
    ],
  };
}

/**
 * The chapters of the gap report, in order. Adding one (documents, audits, risks, …) is a line
 * here plus its build function (in its own file if it is long) and its partial.
 */
export const GAP_REPORT_SECTIONS: readonly GapReportSection[] = [
  {
    anchor: 'scope',
    title: 'report.gap.scope_team',
    partial: 'gap-scope',
    newPage: false,
    build: scopeSection,
  },
  {
    anchor: 'summary',
    title: 'report.gap.summary',
    partial: 'gap-summary',
    newPage: true,
    build: summarySection,
  },
  {
    anchor: 'clauses',
    title: 'report.gap.clauses',
    partial: 'gap-clauses',
    newPage: true,
    build: clausesSection,
  },
  {
    anchor: 'findings',
    title: 'report.gap.findings',
    partial: 'gap-findings',
    newPage: true,
    build: findingsSection,
  },
  {
    anchor: 'quality-plan',
    title: 'report.quality_plan.title',
    partial: 'gap-quality-plan',
    newPage: true,
    build: (data, { lang }) =>
      data.qualityPlan ? qualityPlanSection(data.qualityPlan, lang) : null,
  },
  {
    anchor: 'audit-review',
    title: 'report.gap.audit_review',
    partial: 'gap-audit-review',
    newPage: true,
    build: (data, { lang }) =>
      data.auditReview ? auditReviewSection(data.auditReview, lang) : null,
  },
  {
    anchor: 'evidence',
    title: 'report.gap.evidence',
    partial: 'gap-evidence',
    newPage: true,
    build: evidenceSection,
  },
  {
    anchor: 'documents',
    title: 'report.gap.documents',
    partial: 'gap-documents',
    newPage: false,
    build: (data, { lang }) => gapDocumentsSection(data.documents, lang),
  },
  {
    anchor: 'sign-off',
    title: 'report.sign_off',
    partial: 'gap-sign-off',
    newPage: false,
    build: signOffSection,
  },
];

/** Period of a cycle as the report states it. */
export function periodText(data: GapReportData, lang: Language, t: SectionEnv['t']): string {
  const a = data.assessment;
  return a.endsOn
    ? `${formatDateId(a.startsOn, lang)} – ${formatDateId(a.endsOn, lang)}`
    : t('report.gap.period_open', { start: formatDateId(a.startsOn, lang) });
}
