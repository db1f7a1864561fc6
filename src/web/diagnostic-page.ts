import { Injectable } from '@nestjs/common';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { formatDateTimeWita, todayInZone } from '../common/dates.js';
import { DiagnosticError } from '../diagnostics/diagnostic-errors.js';
import { diagnosticMatrix } from '../diagnostics/diagnostic-matrix.js';
import { DIAGNOSTIC_RATINGS } from '../diagnostics/diagnostic-rules.js';
import type { IndicatorRatingView } from '../diagnostics/diagnostic-views.js';
import { DiagnosticsService } from '../diagnostics/diagnostics.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import type { CreateDiagnosticForm, RateIndicatorForm } from './diagnostic-forms.js';
import { fieldErrors, type FormBody, type FormError, type Posted } from './forms.js';

/** The text of a traffic light: colour never stands alone. */
const lightText = (lang: Language, rating: string | null) =>
  translate(lang, `diagnostic.rating.${rating ?? 'none'}`);

/**
 * The diagnostic pages (the periods, the matrix, the rating form) and their forms: view models
 * here, decisions in DiagnosticsService.
 */
@Injectable()
export class DiagnosticPage {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  /** templates/pages/diagnostics.hbs: the organisation's periods and the new-period form. */
  async list(
    me: Principal,
    organisationId: string,
    lang: Language,
    error: FormError | null = null,
    form: FormBody = {},
  ) {
    const list = await this.diagnostics.list(me, organisationId, lang);
    return {
      organisationId,
      canCreate: can(me, 'diagnostics.manage'),
      form: {
        period: typeof form.period === 'string' ? form.period : todayInZone(new Date()).slice(0, 4),
      },
      error: error?.message ?? null,
      errors: fieldErrors(['period'], error),
      diagnostics: list.map((d) => ({
        ...d,
        quadrants: d.quadrants.map((q) => ({
          ...q,
          title: translate(lang, `diagnostic.quadrant.${q.quadrant}`),
        })),
      })),
    };
  }

  create(
    me: Principal,
    organisationId: string,
    lang: Language,
    form: Posted<CreateDiagnosticForm>,
  ) {
    return form.submit(
      async (dto) =>
        `/diagnostics/${(await this.diagnostics.create(me, organisationId, dto, lang)).id}?flash=diagnostic_created`,
      ({ problem, posted }) => this.list(me, organisationId, lang, problem, posted),
      (refusal) => refusal.status,
    );
  }

  /** templates/pages/diagnostic.hbs: the traffic-light matrix of one period. */
  async matrix(me: Principal, id: string, lang: Language) {
    const d = await this.diagnostics.get(me, id, lang);
    return {
      pageTitle: `${translate(lang, 'diagnostic.title')} ${d.period}`,
      diagnostic: d,
      ...diagnosticMatrix(d, lang),
      canRate: can(me, 'diagnostics.rate'),
    };
  }

  /** templates/pages/diagnostic-indicator.hbs: rating one indicator, with its evidence. */
  async indicator(
    me: Principal,
    id: string,
    code: string,
    lang: Language,
    error: FormError | null = null,
    posted: FormBody | null = null,
  ) {
    const d = await this.diagnostics.get(me, id, lang);
    const i: IndicatorRatingView | undefined = d.indicators.find((x) => x.code === code);
    if (!i)
      throw new DiagnosticError('diagnostic_indicator_not_found', {
        code,
        catalogue: `${d.catalogue.code} v${d.catalogue.version}`,
      });
    const choices = await this.diagnostics.evidenceChoices(me, id);
    const linked = posted ? [posted.evidenceIds ?? []].flat() : i.evidence.map((e) => e.id);
    const options = [
      ...i.evidence.map((e) => ({ id: e.id, title: e.title, unitName: null as string | null })),
      ...choices.filter((c) => !i.evidence.some((e) => e.id === c.id)),
    ].map((e) => ({ ...e, checked: linked.includes(e.id) }));
    const rating = posted
      ? typeof posted.rating === 'string'
        ? posted.rating
        : ''
      : (i.rating ?? '');
    return {
      pageTitle: translate(lang, 'diagnostic.rate_title', { code }),
      diagnostic: d,
      indicator: { ...i, lightText: lightText(lang, i.rating) },
      quadrantTitle: d.quadrantTitles.find((q) => q.quadrant === i.quadrant)?.title ?? i.quadrant,
      ratings: ['', ...DIAGNOSTIC_RATINGS].map((value) => ({
        value,
        label: lightText(lang, value || null),
        checked: value === rating,
      })),
      note: posted ? (typeof posted.note === 'string' ? posted.note : '') : (i.note ?? ''),
      evidence: options,
      ratedAtText: i.ratedAt ? formatDateTimeWita(new Date(i.ratedAt), lang) : null,
      error: error?.message ?? null,
      errors: fieldErrors(['rating', 'note', 'evidenceIds'], error),
    };
  }

  rate(me: Principal, id: string, code: string, lang: Language, form: Posted<RateIndicatorForm>) {
    return form.submit(
      async (dto) => {
        await this.diagnostics.rate(me, id, code, dto, lang);
        return `/diagnostics/${id}?flash=indicator_rated#indicator-${code}`;
      },
      ({ problem, posted }) => this.indicator(me, id, code, lang, problem, posted),
      (refusal) => refusal.status,
    );
  }
}
