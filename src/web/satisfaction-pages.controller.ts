import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import Handlebars from 'handlebars';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { translate } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ikmTrend, nrrBars } from '../satisfaction/ikm-chart.js';
import { SatisfactionService } from '../satisfaction/satisfaction.service.js';
import { PROFILE_FIELDS } from '../satisfaction/survey-sheet.js';
import { formatIkm, surveyView } from '../satisfaction/survey-views.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

/** The unit's public satisfaction survey (SKM): the latest IKM, its elements and the trend. */
@ApiExcludeController()
@Controller()
export class SatisfactionPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly surveys: SatisfactionService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('units/:id/satisfaction')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    const history = await this.surveys.history(me, id);
    const unit = await this.organisations.unit(me, id);
    const frame = frameFor(req, 'survey.page_title', { unit: unit.name });
    const lang = frame.lang;
    const latest = history.at(-1);
    const view = latest ? surveyView(latest, lang) : null;
    return this.pages.render(
      'satisfaction',
      {
        unit,
        survey: view && {
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
        },
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
      },
      frame,
    );
  }
}
