import { NOTIFICATION_KINDS } from '../notifications/notification-types.js';
import { blankToNull, type FormBody } from './forms.js';

/**
 * The e-mail settings form as PATCH /api/auth/me takes it (one validation, UpdateProfileDto, for
 * the page and the API): a blank e-mail clears it, one select per kind (`mode_<kind>`) becomes
 * the preferences. Nothing else of the profile can be changed from this form.
 */
export const notificationSettingsFields = (posted: FormBody): Record<string, unknown> => ({
  email: blankToNull(posted.email),
  language: posted.language,
  notificationPreferences: Object.fromEntries(
    NOTIFICATION_KINDS.filter((k) => typeof posted[`mode_${k}`] === 'string').map((k) => [
      k,
      posted[`mode_${k}`],
    ]),
  ),
});
