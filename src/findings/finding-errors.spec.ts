import { toErrorBody } from '../common/all-exceptions.filter.js';
import {
  CorrectiveActionIncomplete,
  FindingTransitionNotAllowed,
  FindingTransitionRoleNotAllowed,
  TransitionNoteRequired,
} from './finding-errors.js';

/** Typed finding errors carry codes; the filter says them in the caller's language. */
describe('finding errors, as the exception filter says them', () => {
  it.each([
    [
      new FindingTransitionNotAllowed({ from: 'open', to: 'closed', allowed: ['planned'] }),
      'en',
      409,
      'A finding that is open cannot become closed. The steps you can take now: action planned.',
    ],
    [
      new FindingTransitionNotAllowed({ from: 'closed', to: 'open', allowed: [] }),
      'en',
      409,
      'A finding that is closed cannot become open. The steps you can take now: none.',
    ],
    [
      new FindingTransitionNotAllowed({ from: 'closed', to: 'open', allowed: [] }),
      'id',
      409,
      'Temuan berstatus ditutup tidak dapat diubah menjadi terbuka. Langkah yang dapat Anda ambil sekarang: tidak ada.',
    ],
    [
      new FindingTransitionRoleNotAllowed(
        { from: 'implemented', to: 'verified', allowed: [] },
        'assessor',
      ),
      'en',
      403,
      'Moving a finding to verified is done by the Assessor, not by your role.',
    ],
    [
      new CorrectiveActionIncomplete(['owner', 'dueOn']),
      'en',
      422,
      'Complete the corrective action first: owner, due date.',
    ],
  ] as const)('case %#', (error, lang, status, message) => {
    expect(toErrorBody(error, lang, '')).toMatchObject({ statusCode: status, message });
  });

  it('keeps the codes in the details, for a client to act on', () => {
    const body = toErrorBody(
      new FindingTransitionNotAllowed({ from: 'open', to: 'closed', allowed: ['planned'] }),
      'id',
      '',
    );
    expect(body).toMatchObject({
      code: 'transition_not_allowed',
      details: { from: 'open', to: 'closed', allowed: ['planned'] },
    });
    expect(toErrorBody(new TransitionNoteRequired('reopened'), 'en', '').details).toEqual([
      { field: 'note', rule: 'requiredForStep', message: expect.any(String) },
    ]);
  });
});
