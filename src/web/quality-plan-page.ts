import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/permissions.js';
import { translate, type Language } from '../i18n/i18n.js';
import { formatValue, objectiveSeries } from '../objectives/objective-chart.js';
import { ObjectivesService } from '../objectives/objectives.service.js';
import { DIRECTIONS, FREQUENCIES } from '../objectives/objective-types.js';
import type { ObjectiveView } from '../objectives/objective-views.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { riskHeatMap } from '../risks/risk-heatmap-chart.js';
import { RISK_KINDS, RISK_LEVELS, TREATMENTS } from '../risks/risk-types.js';
import { RisksService } from '../risks/risks.service.js';
import { fieldErrors, type Again, type Posted } from './forms.js';
import type {
  MeasurementForm,
  ObjectiveForm,
  RiskForm,
  UpdateObjectiveForm,
  UpdateRiskForm,
  WithdrawForm,
} from './quality-plan-forms.js';

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
/** The fields of a register entry its page may change (all but the kind). */
const RISK_EDIT_FIELDS = RISK_FIELDS.filter((f) => f !== 'kind');
const MEASUREMENT_FIELDS = ['period', 'value', 'note', 'evidenceId'];
const OBJECTIVE_FIELDS = [
  'statement',
  'indicator',
  'unitOfMeasure',
  'target',
  'direction',
  'baseline',
  'frequency',
  'firstPeriod',
  'owner',
  'ikuCode',
];
/** The fields of an objective its page may change (all but the frequency). */
const OBJECTIVE_EDIT_FIELDS = OBJECTIVE_FIELDS.filter((f) => f !== 'frequency');
const WITHDRAW_FIELDS = ['reason'];

/** Which form of a record's page came back refused (the others show the stored values). */
type Refused<F extends string> = (Again & { form: F }) | null;

/** The values a form shows: the record's (null as blank), or what was posted when it came back. */
function formValues(
  names: readonly string[],
  stored: Record<string, unknown>,
  posted: Again['posted'] | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const n of names) {
    const v = stored[n];
    values[n] = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v;
  }
  return { ...values, ...posted };
}

/** A number as a reader types it in a form: "57,5" in Indonesian (no thousands separator). */
const typedDecimal = (value: number, lang: Language): string =>
  lang === 'id' ? String(value).replace('.', ',') : String(value);

/** The choices of a select, the one the form holds selected. */
const options = <V extends string | number>(
  values: readonly V[],
  chosen: unknown,
  label: (v: V) => string = String,
) => values.map((v) => ({ value: v, label: label(v), selected: String(v) === String(chosen) }));

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
    const form = formValues(RISK_FIELDS, { kind: 'risk' }, again?.posted);
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
      canEdit: can(me, 'risks.manage'),
      kinds: RISK_KINDS,
      treatments: [...new Set([...TREATMENTS.risk, ...TREATMENTS.opportunity])],
      ...ratingChoices(scale, form),
      error: again?.problem ?? null,
      errors: fieldErrors(RISK_FIELDS, again?.problem ?? null),
      form,
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

  /** templates/pages/risk.hbs: one entry with its edit and withdraw forms. */
  async risk(
    me: Principal,
    id: string,
    lang: Language,
    again: Refused<'edit' | 'withdraw'> = null,
  ) {
    const risk = await this.risks.get(me, id);
    const [unit, map] = await Promise.all([
      this.organisations.unit(me, risk.unitId),
      this.risks.heatMap(me, risk.unitId),
    ]);
    const levels = levelLabels(lang);
    const scale = Array.from({ length: map.scale }, (_v, i) => i + 1);
    const form = formValues(RISK_EDIT_FIELDS, { ...risk }, posted(again, 'edit'));
    return {
      pageTitle: `${risk.code} · ${risk.title}`,
      unit,
      risk: {
        ...risk,
        kindLabel: translate(lang, `risk.kind.${risk.kind}`),
        levelLabel: levels[risk.level],
        residualLabel: risk.residualLevel ? levels[risk.residualLevel] : null,
      },
      canEdit: can(me, 'risks.manage'),
      treatments: options(TREATMENTS[risk.kind], form.treatment, (t) =>
        translate(lang, `risk.treatment.${t}`),
      ),
      ...ratingChoices(scale, form),
      error: refusal(again, 'edit'),
      errors: fieldErrors(RISK_EDIT_FIELDS, refusal(again, 'edit')),
      form,
      withdrawError: refusal(again, 'withdraw'),
      withdrawErrors: fieldErrors(WITHDRAW_FIELDS, refusal(again, 'withdraw')),
      withdrawForm: formValues(WITHDRAW_FIELDS, {}, posted(again, 'withdraw')),
    };
  }

  /** The edit form: the same change as PATCH /api/risks/:id, then the register (level, heat map). */
  updateRisk(me: Principal, id: string, lang: Language, form: Posted<UpdateRiskForm>) {
    return form.submit(
      async (dto) => {
        const risk = await this.risks.update(me, id, dto);
        return `/units/${risk.unitId}/risks?flash=risk_saved`;
      },
      (again) => this.risk(me, id, lang, { ...again, form: 'edit' }),
      (refusal) => refusal.status,
    );
  }

  withdrawRisk(me: Principal, id: string, lang: Language, form: Posted<WithdrawForm>) {
    return form.submit(
      async (dto) => {
        const risk = await this.risks.withdraw(me, id, dto);
        return `/units/${risk.unitId}/risks?flash=risk_withdrawn`;
      },
      (again) => this.risk(me, id, lang, { ...again, form: 'withdraw' }),
      (refusal) => refusal.status,
    );
  }

  /** templates/pages/objectives.hbs: each objective with its latest value, and the new-objective form. */
  async list(me: Principal, unitId: string, lang: Language, again: Again | null = null) {
    const unit = await this.organisations.unit(me, unitId);
    const objectives = await this.objectives.list(me, unitId);
    const form = formValues(
      OBJECTIVE_FIELDS,
      { direction: 'at_least', frequency: 'monthly' },
      again?.posted,
    );
    return {
      pageTitle: translate(lang, 'objective.list_title', { unit: unit.name }),
      unit,
      objectives: objectives.map((o) => summary(o, lang)),
      canEdit: can(me, 'objectives.manage'),
      directions: directionChoices(form.direction, lang),
      frequencies: options(FREQUENCIES, form.frequency, (f) =>
        translate(lang, `objective.frequency.${f}`),
      ),
      error: again?.problem ?? null,
      errors: fieldErrors(OBJECTIVE_FIELDS, again?.problem ?? null),
      form,
    };
  }

  /** The new-objective form: the same creation as POST /api/units/:id/objectives. */
  addObjective(me: Principal, unitId: string, lang: Language, form: Posted<ObjectiveForm>) {
    return form.submit(
      async (dto) => {
        const objective = await this.objectives.create(me, unitId, dto);
        return `/objectives/${objective.id}?flash=objective_saved`;
      },
      (again) => this.list(me, unitId, lang, again),
      (refusal) => refusal.status,
    );
  }

  /** templates/pages/objective.hbs: the chart, the measurements and the measurement form. */
  async objective(
    me: Principal,
    id: string,
    lang: Language,
    again: Refused<'measurement' | 'edit' | 'withdraw'> = null,
  ) {
    const { objective, measurements } = await this.objectives.detail(me, id);
    const unit = await this.organisations.unit(me, objective.unitId);
    const editForm = formValues(
      OBJECTIVE_EDIT_FIELDS,
      {
        ...objective,
        target: typedDecimal(objective.target, lang),
        baseline: objective.baseline === null ? null : typedDecimal(objective.baseline, lang),
      },
      posted(again, 'edit'),
    );
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
      canMeasure: can(me, 'objectives.manage'),
      error: refusal(again, 'measurement'),
      errors: fieldErrors(MEASUREMENT_FIELDS, refusal(again, 'measurement')),
      form: formValues(
        MEASUREMENT_FIELDS,
        { period: objective.lastDuePeriod ?? objective.firstPeriod },
        posted(again, 'measurement'),
      ),
      directions: directionChoices(editForm.direction, lang),
      editError: refusal(again, 'edit'),
      editErrors: fieldErrors(OBJECTIVE_EDIT_FIELDS, refusal(again, 'edit')),
      editForm,
      withdrawError: refusal(again, 'withdraw'),
      withdrawErrors: fieldErrors(WITHDRAW_FIELDS, refusal(again, 'withdraw')),
      withdrawForm: formValues(WITHDRAW_FIELDS, {}, posted(again, 'withdraw')),
    };
  }

  /** The edit form: the same change as PATCH /api/objectives/:id. */
  updateObjective(me: Principal, id: string, lang: Language, form: Posted<UpdateObjectiveForm>) {
    return form.submit(
      async (dto) => {
        await this.objectives.update(me, id, dto);
        return `/objectives/${id}?flash=objective_saved`;
      },
      (again) => this.objective(me, id, lang, { ...again, form: 'edit' }),
      (refusal) => refusal.status,
    );
  }

  withdrawObjective(me: Principal, id: string, lang: Language, form: Posted<WithdrawForm>) {
    return form.submit(
      async (dto) => {
        const objective = await this.objectives.withdraw(me, id, dto);
        return `/units/${objective.unitId}/objectives?flash=objective_withdrawn`;
      },
      (again) => this.objective(me, id, lang, { ...again, form: 'withdraw' }),
      (refusal) => refusal.status,
    );
  }

  measure(me: Principal, id: string, lang: Language, form: Posted<MeasurementForm>) {
    return form.submit(
      async (dto) => {
        await this.objectives.record(me, id, dto);
        return `/objectives/${id}?flash=measurement_saved`;
      },
      (again) => this.objective(me, id, lang, { ...again, form: 'measurement' }),
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

/** What was posted to the form `form` when it came back refused, else nothing. */
const posted = <F extends string>(again: Refused<F>, form: F) =>
  again?.form === form ? again.posted : undefined;

/** Why the form `form` was refused, when it was. */
const refusal = <F extends string>(again: Refused<F>, form: F) =>
  again?.form === form ? again.problem : null;

/** The four rating selects of a register entry's form, each keeping what it holds. */
const ratingChoices = (scale: number[], form: Record<string, unknown>) => ({
  likelihoods: options(scale, form.likelihood),
  impacts: options(scale, form.impact),
  residualLikelihoods: options(scale, form.residualLikelihood),
  residualImpacts: options(scale, form.residualImpact),
});

const directionChoices = (chosen: unknown, lang: Language) =>
  options(DIRECTIONS, chosen, (d) => translate(lang, `objective.direction.${d}`));
