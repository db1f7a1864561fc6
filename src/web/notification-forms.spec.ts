import { UpdateProfileDto } from '../auth/auth.dto.js';
import { ValidationFailed } from '../common/domain-error.js';
import { validateForm } from './forms.js';
import { notificationSettingsFields } from './notification-forms.js';

const settings = (posted: Record<string, string>) =>
  validateForm(UpdateProfileDto, notificationSettingsFields(posted));

describe('the notification settings form', () => {
  it('one select per kind becomes the preferences; the language is kept', () => {
    expect(
      settings({
        email: 'officer@kupang.example',
        language: 'en',
        mode_evidence_rejected: 'immediate',
        mode_report_issued: 'off',
      }),
    ).toMatchObject({
      email: 'officer@kupang.example',
      language: 'en',
      notificationPreferences: { evidence_rejected: 'immediate', report_issued: 'off' },
    });
  });

  it('a blank e-mail clears it', () => {
    expect(settings({ email: '  ', language: 'id' }).email).toBeNull();
  });

  it('changes nothing else of the profile: other fields are left out, not applied', () => {
    const dto = settings({
      language: 'id',
      displayName: 'Someone else',
      newPassword: 'rahasia-baru-123',
      mode_no_such_kind: 'off',
    });
    expect(dto.displayName).toBeUndefined();
    expect(dto.newPassword).toBeUndefined();
    expect(dto.notificationPreferences).toEqual({});
  });

  it.each([
    ['an e-mail that is none', { email: 'kupang', language: 'id' }, 'email'],
    [
      'a mode that is none',
      { language: 'id', mode_finding_raised: 'hourly' },
      'notificationPreferences',
    ],
  ])('refuses %s', (_case, posted, field) => {
    expect(() => settings(posted)).toThrow(ValidationFailed);
    try {
      settings(posted);
    } catch (error) {
      expect((error as ValidationFailed).problems.map((p) => p.field.split('.')[0])).toEqual([
        field,
      ]);
    }
  });
});
