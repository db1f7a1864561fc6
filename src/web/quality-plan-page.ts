import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/permissions.js';
import { translate, type Language } from '../i18n/i18n.js';
import { formatValue, objectiveSeries } from '../objectives/objective-chart.js';
import { ObjectivesService } from '../objectives/objectives.service.js';
import type { ObjectiveView } from '../objectives/objective-views.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { riskHeatMap } from '../risks/risk-heatmap-chart.js';
import { RISK_KINDS, RISK_LEVELS, TREATMENTS } from '../risks/risk-types.js';
import { RisksService } from '../risks/risks.service.js';
import { fieldErrors, type Again, type Posted } from './forms.js';
import type { MeasurementForm, RiskForm } from './quality-plan-forms.js';

const RISK_FIELDS = [
  'kind',
  'title',
  'process',
  'clauseNumber',
  'cause',
  'effect',
  'likelihood',
  'impact',
  'treatment',
  'treatmentPlan',
  'owner',
  'dueOn',
  'residualLikelihood',
  'residualImpact',
  'reviewedOn',
];
const MEASUREMENT_FIELDS = ['period', 'value', 'note', 'evidenceId'];

const levelLabels = (lang: Language) =>
  Object.fromEntries(RISK_LEVELS.map((l) => [l, translate(lang, `risk.level.${l}`)])) as Record<
    (typeof RISK_LEVELS)[number],
    string
  >;

/** Pages of the risk register (6.1) and the quality objectives (6.2, 9.1). */
@Injectable()
export class QualityPlanPage {
  constructor(
    private readonly risks: RisksService,
    private readonly objectives: ObjectivesService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** templates/pages/risks.hbs: the heat map, the register and the new-entry form. */
  async register(me: Principal, unitId: string, lang: Language, again: Again | null = null) {
    const unit = await this.organisations.unit(me, unitId);
    const [entries, map] = await Promise.all([
      this.risks.list(me, unitId),
      this.risks.heatMap(me, unitId),
    ]);
    const levels = levelLabels(lang);
    const chart = (counts: number[][], key: string) =>
      new Handlebars.SafeString(
        riskHeatMap(
          map.cells,
          counts,
          {
            title: translate(lang, key),
            likelihood: translate(lang, 'risk.likelihood'),
            impact: translate(lang, 'risk.impact'),
            levels,
          },
          lang,
        ),
      );
    const scale = Array.from({ length: map.scale }, (_v, i) => i + 1);
    return {
      pageTitle: translate(lang, 'risk.page_title', { unit: unit.name }),
      unit,
      heatMap: chart(map.risks, 'risk.heatmap_risks'),
      opportunityMap: chart(map.opportunities, 'risk.heatmap_opportunities'),
      levels: RISK_LEVELS.map((level) => ({ level, label: levels[level] })),
      entries: entries.map((r) => ({
        ...r,
        levelLabel: levels[r.level],
        residualLabel: r.residualLevel ? levels[r.residualLevel] : null,
        treatmentLabel: r.treatment ? translate(lang, `risk.treatment.${r.treatment}`) : null,
      })),
      canEdit: can(me.role, 'risks.manage'),
      kinds: RISK_KINDS,
      treatments: [...new Set([...TREATMENTS.risk, ...TREATMENTS.opportunity])],
      scale,
      error: again?.problem ?? null,
      errors: fieldErrors(RISK_FIELDS, again?.problem ?? null),
      form: {
        kind: 'risk',
        title: '',
        process: '',
        clauseNumber: '',
        cause: '',
        effect: '',
        likelihood: '',
        impact: '',
        treatment: '',
        treatmentPlan: '',
        owner: '',
        dueOn: '',
        residualLikelihood: '',
        residualImpact: '',
        reviewedOn: '',
        ...again?.posted,
      },
    };
  }

  addRisk(me: Principal, unitId: string, lang: Language, form: Posted<RiskForm>) {
    return form.submit(
      async (dto) => {
        await this.risks.create(me, unitId, dto);
        return `/units/${unitId}/risks?flash=risk_saved`;
      },
      (again) => this.register(me, unitId, lang, again),
    );
  }

  /** templates/pages/objectives.hbs: each objective with its latest value and on/off track. */
  async list(me: Principal, unitId: string, lang: Language) {
    const unit = await this.organisations.unit(me, unitId);
    const objectives = await this.objectives.list(me, unitId);
    return {
      pageTitle: translate(lang, 'objective.list_title', { unit: unit.name }),
      unit,
      objectives: objectives.map((o) => summary(o, lang)),
    };
  }

  /** templates/pages/objective.hbs: the chart, the measurements and the measurement form. */
  async objective(me: Principal, id: string, lang: Language, again: Again | null = null) {
    const { objective, measurements } = await this.objectives.detail(me, id);
    const unit = await this.organisations.unit(me, objective.unitId);
    return {
      pageTitle: `${objective.code} · ${objective.statement}`,
      unit,
      objective: summary(objective, lang),
      chart: new Handlebars.SafeString(
        objectiveSeries(
          measurements.map((m) => ({
            label: m.period,
            value: m.value,
            meetsTarget: m.meetsTarget,
          })),
          objective.target,
          objective.direction,
          { title: objective.indicator, target: translate(lang, 'objective.target') },
          lang,
        ),
      ),
      measurements: measurements
        .map((m) => ({ ...m, valueText: formatValue(m.value, lang) }))
        .reverse(),
      canMeasure: can(me.role, 'objectives.manage'),
      error: again?.problem ?? null,
      errors: fieldErrors(MEASUREMENT_FIELDS, again?.problem ?? null),
      form: {
        period: objective.lastDuePeriod ?? objective.firstPeriod,
        value: '',
        note: '',
        evidenceId: '',
        ...again?.posted,
      },
    };
  }

  measure(me: Principal, id: string, lang: Language, form: Posted<MeasurementForm>) {
    return form.submit(
      async (dto) => {
        await this.objectives.record(me, id, dto);
        return `/objectives/${id}?flash=measurement_saved`;
      },
      (again) => this.objective(me, id, lang, again),
      (refusal) => refusal.status,
    );
  }
}

function summary(o: ObjectiveView, lang: Language) {
  const sign = o.direction === 'at_least' ? '≥' : '≤';
  return {
    ...o,
    targetText: `${sign} ${formatValue(o.target, lang)} ${o.unitOfMeasure}`,
    latestText: o.latest ? `${formatValue(o.latest.value, lang)} ${o.unitOfMeasure}` : null,
    stateLabel: translate(lang, `objective.state.${o.state}`),
    frequencyLabel: translate(lang, `objective.frequency.${o.frequency}`),
  };
}
