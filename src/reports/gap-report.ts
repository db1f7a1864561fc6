import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssessmentDetailView } from '../assessments/assessment-views.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import type { Principal } from '../auth/principal.js';
import { formatDateId, formatDateTimeWita } from '../common/dates.js';
import { formatPercent } from '../common/numbers.js';
import type { EvidenceView } from '../evidence/evidence.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { isNonconformity } from '../findings/finding-rules.js';
import { FINDING_GRADES } from '../findings/finding-types.js';
import type { FindingView } from '../findings/finding-views.js';
import { FindingsService } from '../findings/findings.service.js';
import type { Language } from '../i18n/i18n.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';
import type { UnitReadinessView } from '../readiness/readiness.service.js';
import { ObjectivesService } from '../objectives/objectives.service.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import { RisksService } from '../risks/risks.service.js';
import { blockerLines } from '../readiness/blocker-texts.js';
import { summariseClauses, type ReadinessClause } from '../readiness/readiness.js';
import { clausesInReadingOrder, type ClauseNode } from '../standards/clause-tree.js';
import { StandardsService } from '../standards/standards.service.js';
import { barChart, meter } from './charts.js';
import { allEvidence, evidenceRows } from './evidence-register.js';
import {
  composeDocument,
  reportOrganisation,
  textIn,
  type ReportDocument,
  type ReportOrganisation,
} from './report-document.js';
import { qualityPlanSection, type QualityPlanData } from './quality-plan-section.js';
import { trustedSvg, type ReportTemplates } from './report-templates.js';

/** Who and what a rendering is: a draft (no number) or the issued report. */
export interface ReportStamp {
  /** MUTU/KPG/2026/0001 when issued; null renders a draft (watermark, "DRAF" in the header). */
  reportNumber: string | null;
  generatedAt: Date;
  /** The assessor who issues it (named in the sign-off), when issued. */
  issuedBy: { id: string; displayName: string } | null;
}

/** Everything the unit gap report shows, read through the services that own each figure. */
export interface GapReportData {
  organisation: ReportOrganisation;
  unit: UnitView;
  assessment: AssessmentDetailView;
  /** The unit's readiness (GET /api/units/:id/readiness) when this is its current cycle, else null. */
  readiness: UnitReadinessView | null;
  clauseTree: ClauseNode[];
  findings: FindingView[];
  /** The unit's evidence, withdrawn items left out. */
  evidence: EvidenceView[];
  /** When the data was read. */
  dataAsOf: Date;
  /** The unit's risk register and quality objectives (6.1, 6.2); left out, the section is not shown. */
  qualityPlan?: QualityPlanData | null;
}

export const TARGET_READINESS = 0.8;

/** Gathers the gap report's data for the caller; every service checks the caller's unit scope. */
@Injectable()
export class GapReportBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly readinessService: ReadinessService,
    private readonly findings: FindingsService,
    private readonly evidence: EvidenceService,
    private readonly organisations: OrganisationsService,
    private readonly standards: StandardsService,
    private readonly risks: RisksService,
    private readonly objectives: ObjectivesService,
  ) {}

  async build(me: Principal, assessmentId: string): Promise<GapReportData> {
    const dataAsOf = new Date();
    const assessment = await this.assessments.detail(me, assessmentId);
    const unit = await this.organisations.unit(me, assessment.unitId);
    const readiness = await this.readinessService.unit(me, unit.id);
    return {
      organisation: await reportOrganisation(this.db, unit.organisationId),
      unit,
      assessment,
      readiness: readiness.assessmentId === assessment.id ? readiness : null,
      clauseTree: await this.standards.clauseTree(assessment.standard),
      findings: await this.findings.list(me, assessment.id),
      evidence: await allEvidence(this.evidence, me, unit.id, false),
      dataAsOf,
      qualityPlan: {
        heatMap: await this.risks.heatMap(me, unit.id),
        risks: await this.risks.list(me, unit.id),
        objectives: await this.objectives.list(me, unit.id),
      },
    };
  }
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

const REPORT_TITLE_KEYS: Record<AssessmentDetailView['type'], string> = {
  gap_assessment: 'report.gap.title',
  internal_audit: 'report.gap.title_internal_audit',
  stage_1: 'report.gap.title_stage_1',
  stage_2: 'report.gap.title_stage_2',
  surveillance: 'report.gap.title_surveillance',
};

/** The template context of the gap report (pure: data in, context out). */
export function gapReportContext(data: GapReportData, stamp: ReportStamp, lang: Language) {
  const t = textIn(lang);
  const { assessment: a, unit, readiness, organisation } = data;
  const draft = stamp.reportNumber === null;
  const summary = a.summary;
  const score = readiness ? readiness.score : summary.score;
  const period = a.endsOn
    ? `${formatDateId(a.startsOn, lang)} – ${formatDateId(a.endsOn, lang)}`
    : t('report.gap.period_open', { start: formatDateId(a.startsOn, lang) });
  const standardTitle = a.standardTitle[lang];
  const unitLabel = unit.shortName ?? unit.name;
  const titles = new Map(
    clausesInReadingOrder(data.clauseTree).map((n) => [n.number, n.title[lang]]),
  );

  const assessors = a.assessors.map((x) => x.displayName);
  const groups = groupScores(data).map((g) => ({
    label: `${g.clause} ${titles.get(g.clause) ?? ''}`.trim(),
    value: g.score,
  }));
  const rated = summary.applicable - summary.notAssessed;

  // Clause table: every leaf of this cycle under its group and sub-group headings.
  const ratings = new Map(a.clauses.map((c) => [c.number, c]));
  const evidenceOn = (number: string) => {
    const items = data.evidence.filter((e) => e.clauses.some((c) => c.number === number));
    return `${items.filter((e) => e.present).length}/${items.length}`;
  };
  const hasRatedLeaf = (n: ClauseNode): boolean =>
    n.leaf ? ratings.has(n.number) : n.children.some(hasRatedLeaf);
  const clauseGroups = data.clauseTree.filter(hasRatedLeaf).map((group) => ({
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
  for (const group of clauseGroups) {
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

  const findingsByGrade = FINDING_GRADES.map((grade) => {
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
  const gradeCount = (g: string) => data.findings.filter((f) => f.grade === g).length;

  const signatories = [
    ...(assessors.length ? a.assessors : [null]).map((x, i) => ({
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
  ];

  const facts = [
    { label: t('report.number'), value: stamp.reportNumber ?? t('report.number_pending') },
    { label: t('report.gap.assessment_type'), value: t(`report.type.${a.type}`) },
    { label: t('report.gap.period'), value: period },
    { label: t('report.status'), value: t(draft ? 'report.status_draft' : 'report.status_issued') },
    ...(stamp.issuedBy
      ? [
          { label: t('report.issued_on'), value: formatDateId(stamp.generatedAt, lang) },
          { label: t('report.issued_by'), value: stamp.issuedBy.displayName },
        ]
      : []),
    { label: t('report.data_as_of_label'), value: formatDateTimeWita(data.dataAsOf, lang) },
  ];

  return {
    draft,
    cover: {
      organisation: organisation.name,
      kind: t('report.gap.kind'),
      title: t(REPORT_TITLE_KEYS[a.type]),
      subtitle: standardTitle,
      subject: unit.name,
      readiness: score,
      readinessMeter: score === null ? null : trustedSvg(meter(score, { lang })),
      draft,
      generatedAt: stamp.generatedAt,
      facts,
    },
    toc: {
      entries: [
        { anchor: 'scope', number: '1', title: t('report.gap.scope_team') },
        { anchor: 'summary', number: '2', title: t('report.gap.summary') },
        { anchor: 'clauses', number: '3', title: t('report.gap.clauses') },
        { anchor: 'findings', number: '4', title: t('report.gap.findings') },
        { anchor: 'evidence', number: '5', title: t('report.gap.evidence') },
        { anchor: 'sign-off', number: '6', title: t('report.sign_off') },
      ],
    },
    scope: [
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
    summary: {
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
    },
    clauseGroups,
    findings: {
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
      grades: findingsByGrade.filter((g) => g.count > 0),
    },
    evidence: {
      intro: t('report.gap.evidence_intro'),
      table: {
        rows: evidenceRows(data.evidence, lang),
        empty: data.evidence.length ? null : t('report.evidence.empty'),
      },
    },
    signOff: { signatories },
    qualityPlan: data.qualityPlan ? qualityPlanSection(data.qualityPlan, lang) : null,
  };
}

/** The gap report as a document for the renderer. */
export function gapReportDocument(
  templates: ReportTemplates,
  data: GapReportData,
  stamp: ReportStamp,
  lang: Language,
): ReportDocument {
  const context = gapReportContext(data, stamp, lang);
  const title = `${context.cover.title} — ${data.unit.name}`;
  const assessors = data.assessment.assessors.map((x) => x.displayName);
  return composeDocument(
    templates,
    'gap-report',
    context,
    {
      subject: data.unit.name,
      reportNumber: stamp.reportNumber,
      generatedAt: stamp.generatedAt,
      dataAsOf: data.dataAsOf,
    },
    {
      title: stamp.reportNumber ? `${title} (${stamp.reportNumber})` : title,
      author: stamp.issuedBy?.displayName ?? (assessors.length ? assessors.join(', ') : 'Mutu'),
      subject: `${data.assessment.title} · ${data.assessment.standardTitle[lang]}`,
    },
    lang,
  );
}
