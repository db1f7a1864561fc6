import type { Rating } from './assessment-types.js';

/** The longest note or justification we keep (a few paragraphs). */
export const MAX_RATING_TEXT = 4000;

export interface RatingInput {
  applicable: boolean;
  /** May be left out for a clause that does not apply. */
  rating?: Rating | null;
  justification?: string | null;
  note?: string | null;
}

/** A clause rating as stored: texts trimmed, blank texts as null. */
export interface RatingValues {
  applicable: boolean;
  rating: Rating;
  justification: string | null;
  note: string | null;
}

export interface RatingProblem {
  field: 'rating' | 'justification' | 'note';
  rule: 'isDefined' | 'justificationRequired' | 'notApplicableRated' | 'maxLength';
}

export type RatingCheck =
  { ok: true; values: RatingValues } | { ok: false; problems: RatingProblem[] };

const clean = (text: string | null | undefined): string | null => {
  const t = text?.trim();
  return t ? t : null;
};

/**
 * The rules of one clause rating, shared by the API and the spreadsheet import. A clause that does
 * not apply needs the justification ISO 9001 clause 4.3 asks for, and is not rated (a rating there
 * would count nowhere and mislead whoever reads the table).
 */
export function checkRating(input: RatingInput): RatingCheck {
  const justification = clean(input.justification);
  const note = clean(input.note);
  const problems: RatingProblem[] = [];
  if (input.applicable) {
    if (!input.rating) problems.push({ field: 'rating', rule: 'isDefined' });
  } else {
    if (input.rating && input.rating !== 'not_assessed')
      problems.push({ field: 'rating', rule: 'notApplicableRated' });
    if (!justification) problems.push({ field: 'justification', rule: 'justificationRequired' });
  }
  if (justification && justification.length > MAX_RATING_TEXT)
    problems.push({ field: 'justification', rule: 'maxLength' });
  if (note && note.length > MAX_RATING_TEXT) problems.push({ field: 'note', rule: 'maxLength' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    values: {
      applicable: input.applicable,
      rating: input.rating ?? 'not_assessed',
      justification,
      note,
    },
  };
}

/** Whether a stored rating differs from new values (what an update or an import would change). */
export const ratingDiffers = (a: RatingValues, b: RatingValues): boolean =>
  a.applicable !== b.applicable ||
  a.rating !== b.rating ||
  a.justification !== b.justification ||
  a.note !== b.note;
