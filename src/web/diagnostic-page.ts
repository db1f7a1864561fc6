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
import { fieldErrors, type FormBody, type FormError } from './forms.js';

/** The text of a traffic light: colour never stands alone. */
const lightText = (lang: Language, rating: string | null) =>
  translate(lang, `diagnostic.rating.${rating ?? 'none'}`);

/** View models of the diagnostic pages: the list of periods, the matrix, the rating form. */
@Injectable()
export class DiagnosticPage {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  async list(
    me: Principal,
    organisationId: string,
    lang: Language,
    error: FormError | null,
    form: FormBody,
  ) {
    const list = await this.diagnostics.list(me, organisationId, lang);
    return {
      organisationId,
      canCreate: can(me.role, 'diagnostics.manage'),
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

  async matrix(me: Principal, id: string, lang: Language) {
    const d = await this.diagnostics.get(me, id, lang);
    return {
      diagnostic: d,
      ...diagnosticMatrix(d, lang),
      canRate: can(me.role, 'diagnostics.rate'),
    };
  }

  async form(
    me: Principal,
    id: string,
    code: string,
    lang: Language,
    error: FormError | null,
    posted: FormBody | null,
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
}
