import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { can } from '../auth/permissions.js';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import { SurveyFindings } from '../satisfaction/survey-findings.js';
import { submitForm } from './forms.js';
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
    private readonly raising: SurveyFindings,
  ) {}

  @Get('units/:id/satisfaction')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async page(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.render(me, id, req, null);
  }

  private async render(
    me: Principal,
    id: string,
    req: WebRequest,
    error: string | null,
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
        error,
        canRaise: can(me.role, 'findings.record'),
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

  /** One click from the survey's lowest elements to the improvement opportunity (9.1.2). */
  @Post('satisfaction-surveys/:id/finding')
  @Access('findings.record')
  async raise(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const finding = await this.raising.raise(me, id, requestLanguage(req));
        return `/findings/${finding.id}?flash=finding_raised`;
      },
      async (problem) =>
        this.render(
          me,
          (await this.surveys.get(me, id, requestLanguage(req))).unitId,
          req,
          problem.message,
        ),
    );
  }
}
