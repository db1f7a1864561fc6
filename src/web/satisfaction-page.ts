import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { Principal } from '../auth/principal.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ikmTrend, nrrBars } from '../satisfaction/ikm-chart.js';
import { SatisfactionService } from '../satisfaction/satisfaction.service.js';
import { PROFILE_FIELDS } from '../satisfaction/survey-sheet.js';
import { formatIkm, surveyView, type SurveyView } from '../satisfaction/survey-views.js';
import { SurveyFindings } from '../satisfaction/survey-findings.js';
import { can } from '../auth/permissions.js';
import { runForm, type FormError } from './forms.js';

/** The view model of templates/pages/satisfaction.hbs: the latest IKM, its elements and the trend. */
@Injectable()
export class SatisfactionPage {
  constructor(
    private readonly surveys: SatisfactionService,
    private readonly organisations: OrganisationsService,
    private readonly raising: SurveyFindings,
  ) {}

  /** Titled by the unit (`pageTitle`, see page.ts); `error`: why the one-click finding was refused. */
  async view(me: Principal, unitId: string, lang: Language, error: FormError | null = null) {
    const history = await this.surveys.history(me, unitId);
    const unit = await this.organisations.unit(me, unitId);
    const latest = history.at(-1);
    return {
      pageTitle: translate(lang, 'survey.page_title', { unit: unit.name }),
      unit,
      error: error?.message ?? null,
      canRaise: can(me, 'findings.record'),
      survey: latest ? latestSurvey(surveyView(latest, lang), lang) : null,
      trend:
        history.length > 0
          ? new Handlebars.SafeString(
              ikmTrend(
                history.map((s) => ({ label: s.period, ikm: s.ikmHundredths / 100 })),
                translate(lang, 'survey.chart_trend'),
                lang,
              ),
            )
          : null,
      periods: history
        .map((s) => ({
          id: s.id,
          period: s.period,
          respondents: s.respondents,
          ikmText: formatIkm(s.ikmHundredths / 100, lang),
          grade: s.grade,
          label: s.label,
        }))
        .reverse(),
    };
  }

  /** One click from the survey's lowest elements to the improvement opportunity (9.1.2). */
  raise(me: Principal, surveyId: string, lang: Language) {
    return runForm(
      lang,
      async () =>
        `/findings/${(await this.raising.raise(me, surveyId, lang)).id}?flash=finding_raised`,
      async (problem) =>
        this.view(me, (await this.surveys.get(me, surveyId, lang)).unitId, lang, problem),
      (refusal) => refusal.status,
    );
  }
}

/** The latest survey: IKM, lowest elements, per service, respondents' profile, element chart. */
function latestSurvey(view: SurveyView, lang: Language) {
  return {
    ...view,
    ikmText: formatIkm(view.ikm, lang),
    lowestNames: view.elements.filter((e) => view.lowest.includes(e.code)).map((e) => e.name),
    services: view.byService.map((s) => ({ ...s, ikmText: formatIkm(s.ikm, lang) })),
    profile: view.profile
      ? PROFILE_FIELDS.map((field) => ({
          label: translate(lang, `survey.profile.${field}`),
          values: Object.entries(view.profile![field])
            .sort(([a], [b]) => a.localeCompare(b, 'id'))
            .map(([value, count]) => ({ value, count })),
        })).filter((f) => f.values.length > 0)
      : [],
    chart: new Handlebars.SafeString(
      nrrBars(
        view.elements.map((e) => ({
          label: e.name,
          nrr: e.nrr,
          lowest: view.lowest.includes(e.code),
        })),
        translate(lang, 'survey.chart_elements'),
        lang,
      ),
    ),
  };
}
