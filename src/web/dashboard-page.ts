import { Injectable } from '@nestjs/common';
import { ComplaintsService } from '../complaints/complaints.service.js';
import Handlebars from 'handlebars';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { todayInZone, addDays } from '../common/dates.js';
import { formatPointChange } from '../common/numbers.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import { barChart, heatMap, lineChart } from '../reports/charts.js';
import { organisationTrend, type UnitPoint } from '../readiness/trend.js';
import { OrganisationReadinessQuery } from '../readiness/readiness.dto.js';
import { blockerList } from './blocker-list.js';
import { validateForm, type FormBody } from './forms.js';
import { unitListNav } from './unit-list-nav.js';

const svg = (markup: string): Handlebars.SafeString => new Handlebars.SafeString(markup);

/**
 * The management dashboard: the same figures as GET /api/organisations/:id/readiness, drawn, paging
 * through the units with the same query.
 */
@Injectable()
export class DashboardPage {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly organisations: OrganisationsService,
    private readonly complaints: ComplaintsService,
  ) {}

  /**
   * One page of the organisation's units, asked for with the API's own query (`?filter`, `?sort`,
   * `?order`, `?limit`, `?page`), and the totals over all of them.
   */
  async build(me: Principal, organisationId: string, lang: Language, raw: FormBody = {}) {
    const given = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => k !== 'flash' && k !== 'lang' && v !== ''),
    );
    const query = validateForm(OrganisationReadinessQuery, given);
    const org = await this.readiness.organisation(me, organisationId, query);
    const nav = unitListNav(`/organisations/${organisationId}`, query, org, org.units.length, lang);
    const since = addDays(todayInZone(new Date()), -90);
    const points: UnitPoint[] = [];
    const monthAgo = addDays(todayInZone(new Date()), -30);
    const change = new Map<string, number | null>();
    for (const u of org.units) {
      const history = await this.readiness.history(me, u.unitId, { page: 1, pageSize: 200, since });
      for (const s of history.items)
        points.push({ unitId: u.unitId, day: todayInZone(new Date(s.takenAt)), score: s.score });
      const before = history.items.find((s) => todayInZone(new Date(s.takenAt)) <= monthAgo);
      change.set(
        u.unitId,
        before && before.score !== null && u.score !== null ? u.score - before.score : null,
      );
    }
    const clauses = ['4', '5', '6', '7', '8', '9', '10'];
    const title = translate(lang, 'dashboard.per_unit');
    // Short names (RSUD S.K. Lerik, Dukcapil) fit the chart's label column; full names are in the table.
    const shortNames = new Map(
      (await this.organisations.units(me, organisationId)).map((u) => [
        u.id,
        u.shortName ?? u.name,
      ]),
    );
    const complaints = await this.complaints.organisationSummary(me, organisationId);
    return {
      pageTitle: org.name,
      org,
      canDiagnostics: can(me, 'diagnostics.read'),
      units: org.units.map((u) => {
        // Grouped by kind, most serious first: the first few in view, the rest folded away.
        const blockers = blockerList(u.blockers, lang, `/units/${u.unitId}`);
        return {
          ...u,
          change: formatPointChange(change.get(u.unitId) ?? null, lang),
          topBlockers: blockers.slice(0, 4),
          moreBlockers: blockers.slice(4),
        };
      }),
      complaints,
      nav,
      charts: {
        // Charts are built on the server with every text escaped (reports/charts.ts): safe to inline.
        bars: svg(
          barChart(
            org.units.map((u) => ({ label: shortNames.get(u.unitId) ?? u.name, value: u.score })),
            { lang, title },
          ),
        ),
        heat: svg(
          heatMap(
            {
              columns: org.units.map((u) => u.code),
              rows: clauses.map((c) => ({
                label: `${translate(lang, 'report.clause')} ${c}`,
                values: org.units.map((u) => u.groups.find((g) => g.clause === c)?.score ?? null),
              })),
            },
            {
              lang,
              title: translate(lang, 'dashboard.heat_map'),
            },
          ),
        ),
        trend: svg(
          lineChart(organisationTrend(points), {
            lang,
            title: translate(lang, 'dashboard.trend'),
          }),
        ),
      },
    };
  }
}
