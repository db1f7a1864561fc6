import type { Request } from 'express';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { requestLanguage } from '../common/all-exceptions.filter.js';
import { translate } from '../i18n/i18n.js';
import type { PageFrame } from './page-renderer.js';

export type WebRequest = Request & {
  principal?: Principal;
  csrfToken?: string;
  /** Set by the notifications' UnreadCountInterceptor on signed-in page requests. */
  unreadNotifications?: number;
};

/** Flash messages a redirect may name (?flash=key); anything else is ignored. */
const FLASHES = new Set([
  'document_saved',
  'signed_out',
  'risk_saved',
  'risk_withdrawn',
  'objective_saved',
  'objective_withdrawn',
  'action_done',
  'review_saved',
  'decision_saved',
  'review_closed',
  'programme_saved',
  'audit_planned',
  'audit_started',
  'audit_postponed',
  'measurement_saved',
  'evidence_uploaded',
  'complaints_imported',
  'finding_raised',
  'version_uploaded',
  'evidence_reviewed',
  'evidence_withdrawn',
  'clause_rated',
  'finding_recorded',
  'action_saved',
  'finding_moved',
  'user_saved',
  'user_created',
  'unit_created',
  'unit_saved',
  'unit_withdrawn',
  'unit_restored',
  'cycle_created',
  'cycle_saved',
  'cycle_started',
  'password_changed',
  'profile_saved',
  'report_issued',
  'notifications_read',
  'notification_settings_saved',
  'diagnostic_created',
  'indicator_rated',
]);

function navFor(
  p: Principal | undefined,
  lang: PageFrame['lang'],
): { href: string; label: string }[] {
  if (!p) return [];
  const t = (key: string): string => translate(lang, key);
  const nav = [{ href: '/', label: t('nav.home') }];
  if (can(p, 'units.read')) nav.push({ href: '/units', label: t('nav.units') });
  if (can(p, 'assessments.manage')) nav.push({ href: '/assessments', label: t('nav.assessments') });
  if (can(p, 'units.manage')) nav.push({ href: '/admin/units', label: t('nav.admin_units') });
  if (can(p, 'users.manage')) nav.push({ href: '/admin/users', label: t('nav.users') });
  if (can(p, 'audit.read')) nav.push({ href: '/audit', label: t('nav.audit') });
  return nav;
}

/** The layout's data for a request: language, the signed-in user, CSRF token, menu, flash. */
export function frameFor(req: WebRequest, titleKey: string): PageFrame {
  const lang = requestLanguage(req);
  const flashKey =
    typeof req.query.flash === 'string' && FLASHES.has(req.query.flash) ? req.query.flash : null;
  const p = req.principal;
  return {
    lang,
    title: translate(lang, titleKey),
    user: p
      ? {
          displayName: p.displayName,
          role: translate(lang, `role.${p.role}`),
          username: p.username,
        }
      : null,
    csrfToken: req.csrfToken ?? null,
    path: req.path,
    flash: flashKey ? { kind: 'ok', message: translate(lang, `flash.${flashKey}`) } : null,
    nav: navFor(p, lang),
    bell:
      p && typeof req.unreadNotifications === 'number' ? { unread: req.unreadNotifications } : null,
  };
}
