import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditProgrammeService } from '../audit-programme/audit-programme.service.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { addDays, formatDateTimeWita, todayInZone } from '../common/dates.js';
import { formatPercent } from '../common/numbers.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';
import type { DiagnosticView } from '../diagnostics/diagnostic-views.js';
import { DiagnosticsService } from '../diagnostics/diagnostics.service.js';
import type { FindingView } from '../findings/finding-views.js';
import { FindingsService } from '../findings/findings.service.js';
import type { Language } from '../i18n/i18n.js';
import { ManagementReviewService } from '../management-review/management-review.service.js';
import { ObjectivesService } from '../objectives/objectives.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { DEFAULT_STANDARD_CODE } from '../standards/standard-rules.js';
import {
  ReadinessService,
  type OrganisationReadinessView,
} from '../readiness/readiness.service.js';
import { RisksService } from '../risks/risks.service.js';
import { StandardsService } from '../standards/standards.service.js';
// The dashboard's trend, so that the PDF draws the very line the page shows.
import { organisationTrend, type UnitPoint } from '../readiness/trend.js';
import { blockerLines } from '../readiness/blocker-texts.js';
import { barChart, heatMap, lineChart, meter } from './charts.js';
import { diagnosticSection, diagnosticTocEntry, latestDiagnostic } from './diagnostic-section.js';
import { TARGET_READINESS } from './gap-report.js';
import {
  loadQualitySystem,
  qualitySystemSection,
  qualitySystemTocEntry,
  type QualitySystemData,
} from './quality-system-section.js';
import {
  composeDocument,
  reportOrganisation,
  textIn,
  type ReportDocument,
  type ReportOrganisation,
} from './report-document.js';
import { trustedSvg, type ReportTemplates } from './report-templates.js';

/** How far back the trend goes. */
export const TREND_DAYS = 365;

export interface SummaryReportData {
  organisation: ReportOrganisation;
  /** GET /api/organisations/:id/readiness, as the caller sees it. */
  readiness: OrganisationReadinessView;
  /** Titles of the top-level clauses (4–10) of the default catalogue, by number. */
  groupTitles: Record<string, { id: string; en: string }>;
  /** Short names of the units (Setda, Dukcapil …) for chart labels, by unit id. */
  shortNames: Record<string, string>;
  /** Unresolved nonconformities past their due date, unit by unit. */
  overdue: { unitName: string; finding: FindingView }[];
  trend: { date: string; value: number }[];
  /**
   * The newest ISO 18091 diagnostic in each language (its indicator texts are the catalogue's),
   * when the caller may read diagnostics; the data builder takes no language.
   */
  diagnostic: Record<Language, DiagnosticView | null>;
  /** Audit programme, reviews, risks, objectives and complaints of each unit. */
  qualitySystem: QualitySystemData;
  dataAsOf: Date;
}

/** Gathers the management readiness summary of an organisation for the caller. */
@Injectable()
export class SummaryReportBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readinessService: ReadinessService,
    private readonly findings: FindingsService,
    private readonly standards: StandardsService,
    private readonly organisations: OrganisationsService,
    private readonly diagnostics: DiagnosticsService,
    private readonly auditProgramme: AuditProgrammeService,
    private readonly reviews: ManagementReviewService,
    private readonly risks: RisksService,
    private readonly objectives: ObjectivesService,
    private readonly complaints: ComplaintsService,
    private readonly clock: Clock,
  ) {}

  async build(me: Principal, organisationId: string): Promise<SummaryReportData> {
    const dataAsOf = new Date();
    const readiness = await this.readinessService.organisation(me, organisationId);
    const overdue: SummaryReportData['overdue'] = [];
    const points: UnitPoint[] = [];
    const since = addDays(todayInZone(dataAsOf), -TREND_DAYS);
    for (const u of readiness.units) {
      if (u.assessmentId)
        for (const f of await this.findings.list(me, u.assessmentId))
          if (f.overdue) overdue.push({ unitName: u.name, finding: f });
      for (let page = 1; ; page++) {
        const history = await this.readinessService.history(me, u.unitId, {
          page,
          pageSize: MAX_PAGE_SIZE,
          since,
        });
        for (const s of history.items)
          points.push({ unitId: u.unitId, day: todayInZone(new Date(s.takenAt)), score: s.score });
        if (history.items.length === 0 || page * MAX_PAGE_SIZE >= history.total) break;
      }
    }
    const tree = await this.standards.clauseTree(DEFAULT_STANDARD_CODE);
    const units = await this.organisations.units(me, organisationId);
    return {
      organisation: await reportOrganisation(this.db, organisationId),
      readiness,
      shortNames: Object.fromEntries(units.map((u) => [u.id, u.shortName ?? u.name])),
      groupTitles: Object.fromEntries(tree.map((n) => [n.number, n.title])),
      overdue,
      trend: organisationTrend(points),
      diagnostic: {
        id: await latestDiagnostic(this.diagnostics, me, organisationId, 'id'),
        en: await latestDiagnostic(this.diagnostics, me, organisationId, 'en'),
      },
      qualitySystem: await loadQualitySystem(
        {
          auditProgramme: this.auditProgramme,
          reviews: this.reviews,
          risks: this.risks,
          objectives: this.objectives,
          complaints: this.complaints,
        },
        me,
        organisationId,
        readiness.units.map((u) => u.unitId),
        Number(todayInZone(this.clock.now()).slice(0, 4)),
      ),
      dataAsOf,
    };
  }
}

export function summaryReportContext(data: SummaryReportData, generatedAt: Date, lang: Language) {
  const t = textIn(lang);
  const org = data.readiness;
  const percent = (v: number | null) => formatPercent(v, lang);
  const overdueCount = org.units.reduce((n, u) => n + u.overdueActions, 0);
  const groups = Object.keys(data.groupTitles);
  const groupLabel = (clause: string) =>
    `${clause} ${data.groupTitles[clause]?.[lang] ?? ''}`.trim();
  const diagnostic = diagnosticSection(data.diagnostic[lang], '6', lang);
  const qualitySystem = qualitySystemSection(
    data.qualitySystem,
    org.units,
    diagnostic ? '7' : '6',
    lang,
  );

  return {
    draft: false,
    cover: {
      organisation: data.organisation.name,
      kind: t('report.summary.kind'),
      title: t('report.summary.title'),
      subtitle: t('report.standard_subtitle'),
      subject: data.organisation.name,
      readiness: org.score,
      readinessMeter: org.score === null ? null : trustedSvg(meter(org.score, { lang })),
      draft: false,
      generatedAt,
      facts: [
        { label: t('report.summary.units_count'), value: String(org.unitCount) },
        {
          label: t('report.summary.ready_units'),
          value: t('report.summary.ready_units_value', {
            ready: org.readyUnits,
            total: org.unitCount,
          }),
        },
        { label: t('report.summary.overdue_count'), value: String(overdueCount) },
        { label: t('report.data_as_of_label'), value: formatDateTimeWita(data.dataAsOf, lang) },
      ],
    },
    toc: {
      entries: [
        { anchor: 'units', number: '1', title: t('report.summary.units') },
        { anchor: 'heat-map', number: '2', title: t('report.summary.heat_map') },
        { anchor: 'blockers', number: '3', title: t('report.summary.blockers') },
        { anchor: 'overdue', number: '4', title: t('report.summary.overdue_actions') },
        { anchor: 'trend', number: '5', title: t('report.summary.trend') },
        ...diagnosticTocEntry(diagnostic),
        qualitySystemTocEntry(qualitySystem),
      ],
    },
    qualitySystem,
    diagnostic,
    units: {
      lead: org.unitCount
        ? t('report.summary.units_lead', {
            percent: percent(org.score),
            total: org.unitCount,
            ready: org.readyUnits,
          })
        : t('report.summary.no_units'),
      chart: org.unitCount
        ? trustedSvg(
            barChart(
              org.units.map((u) => ({
                label: data.shortNames[u.unitId] ?? u.name,
                value: u.score,
              })),
              { lang, target: TARGET_READINESS, title: t('report.summary.chart_units') },
            ),
          )
        : null,
      rows: org.units.map((u) => ({
        name: u.name,
        code: u.code,
        readiness: u.assessmentId ? percent(u.score) : t('report.summary.no_assessment'),
        ready: u.ready,
        readyText: t(u.ready ? 'report.ready' : 'report.not_ready'),
        blockers: u.blockers.length,
        overdue: u.overdueActions,
      })),
    },
    heat: org.unitCount
      ? trustedSvg(
          heatMap(
            {
              columns: org.units.map((u) => u.code),
              rows: groups.map((clause) => ({
                label: groupLabel(clause),
                values: org.units.map(
                  (u) => u.groups.find((g) => g.clause === clause)?.score ?? null,
                ),
              })),
            },
            { lang, title: t('report.summary.heat_map') },
          ),
        )
      : null,
    heatCaption: t('report.summary.heat_map_caption'),
    blockers: org.units.map((u) => ({
      name: u.name,
      items: blockerLines(u.blockers, lang),
      none: u.blockers.length ? null : t('report.summary.no_blockers_unit'),
    })),
    overdue: {
      rows: data.overdue.map(({ unitName, finding: f }) => ({
        unit: unitName,
        reference: f.reference,
        clause: f.clause.number,
        grade: f.grade,
        gradeText: t(`report.grade.${f.grade}`),
        statement: f.statement,
        owner: f.correctiveAction?.owner ?? null,
        dueOn: f.correctiveAction?.dueOn ?? null,
        state: t(`report.finding_state.${f.state}`),
      })),
      empty: data.overdue.length ? null : t('report.summary.no_overdue'),
    },
    trend: {
      chart: data.trend.length
        ? trustedSvg(
            lineChart(data.trend, {
              lang,
              target: TARGET_READINESS,
              title: t('report.summary.trend'),
            }),
          )
        : null,
      caption: t('report.summary.trend_caption', { days: TREND_DAYS }),
      empty: data.trend.length ? null : t('report.summary.no_trend'),
    },
  };
}

export function summaryReportDocument(
  templates: ReportTemplates,
  data: SummaryReportData,
  generatedAt: Date,
  lang: Language,
): ReportDocument {
  const t = textIn(lang);
  return composeDocument(
    templates,
    'readiness-summary',
    summaryReportContext(data, generatedAt, lang),
    {
      subject: data.organisation.name,
      reportNumber: null,
      generatedAt,
      dataAsOf: data.dataAsOf,
    },
    {
      title: `${t('report.summary.title')} — ${data.organisation.name}`,
      author: data.organisation.name,
      subject: t('report.standard_subtitle'),
    },
    lang,
  );
}
