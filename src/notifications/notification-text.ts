import { formatDateId, isIsoDay } from '../common/dates.js';
import { translate, type Language } from '../i18n/i18n.js';

/** The title of a notification in a language: `notification.<kind>` with its params (dates formatted). */
export function notificationTitle(
  lang: Language,
  kind: string,
  params: Record<string, string>,
): string {
  const filled: Record<string, string> = { ...params };
  if (params.date && isIsoDay(params.date)) filled.date = formatDateId(params.date, lang);
  if (params.grade) filled.grade = translate(lang, `grade.${params.grade}`);
  return translate(lang, `notification.${kind}`, filled);
}
