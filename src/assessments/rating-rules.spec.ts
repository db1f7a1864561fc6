import { checkRating, ratingDiffers, MAX_RATING_TEXT } from './rating-rules.js';

describe('checkRating', () => {
  it('stores an applicable rating with trimmed texts, blank texts as null', () => {
    expect(
      checkRating({
        applicable: true,
        rating: 'met',
        note: '  Sudah ada SK.  ',
        justification: ' ',
      }),
    ).toEqual({
      ok: true,
      values: { applicable: true, rating: 'met', justification: null, note: 'Sudah ada SK.' },
    });
  });

  it('needs a rating when the clause applies', () => {
    expect(checkRating({ applicable: true })).toEqual({
      ok: false,
      problems: [{ field: 'rating', rule: 'isDefined' }],
    });
  });

  it.each([[undefined], [null], [''], ['   ']])(
    'refuses a clause that does not apply without a justification (%p)',
    (justification) => {
      expect(checkRating({ applicable: false, justification })).toEqual({
        ok: false,
        problems: [{ field: 'justification', rule: 'justificationRequired' }],
      });
    },
  );

  it('stores a clause that does not apply as not assessed', () => {
    expect(
      checkRating({ applicable: false, justification: 'Tidak merancang layanan baru.' }),
    ).toEqual({
      ok: true,
      values: {
        applicable: false,
        rating: 'not_assessed',
        justification: 'Tidak merancang layanan baru.',
        note: null,
      },
    });
    expect(checkRating({ applicable: false, rating: 'not_assessed', justification: 'x' }).ok).toBe(
      true,
    );
  });

  it('refuses a rating on a clause that does not apply, and says every problem at once', () => {
    expect(checkRating({ applicable: false, rating: 'met' })).toEqual({
      ok: false,
      problems: [
        { field: 'rating', rule: 'notApplicableRated' },
        { field: 'justification', rule: 'justificationRequired' },
      ],
    });
  });

  it('refuses texts longer than the limit', () => {
    const long = 'a'.repeat(MAX_RATING_TEXT + 1);
    expect(checkRating({ applicable: true, rating: 'met', note: long })).toEqual({
      ok: false,
      problems: [{ field: 'note', rule: 'maxLength' }],
    });
  });
});

describe('ratingDiffers', () => {
  const base = { applicable: true, rating: 'met' as const, justification: null, note: null };
  it.each([
    [{}, false],
    [{ rating: 'partly_met' as const }, true],
    [{ applicable: false }, true],
    [{ note: 'x' }, true],
    [{ justification: 'x' }, true],
  ])('%j → %s', (change, expected) => {
    expect(ratingDiffers(base, { ...base, ...change })).toBe(expected);
  });
});
