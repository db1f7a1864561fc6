import { ImportRefused } from '../assessments/assessment-errors.js';
import { ComplaintRowsRefused } from '../complaints/complaint-errors.js';
import { ReviewInputsNotDiscussed } from '../management-review/review-errors.js';
import { SurveyRowsRefused } from '../satisfaction/survey-errors.js';
import { toErrorBody } from './all-exceptions.filter.js';

/**
 * Refusals whose details carry words (each refused row, the inputs of a review) are worded by the
 * exception filter in the caller's language: the same error reads in Indonesian and in English.
 */
describe('refusals worded in the caller language', () => {
  const said = (error: Parameters<typeof toErrorBody>[0], lang: 'id' | 'en') =>
    toErrorBody(error, lang, '') as {
      message: string;
      details: { refused: { message: string }[] };
    };

  it('says each refused survey row in the language asked', () => {
    const error = new SurveyRowsRefused([
      { line: 7, element: 'U3', value: '9', reason: 'answer_out_of_range' },
    ]);
    const [id, en] = [said(error, 'id'), said(error, 'en')];
    expect(id.details.refused[0].message).not.toEqual(en.details.refused[0].message);
    for (const body of [id, en]) {
      expect(body.details.refused[0]).toMatchObject({ line: 7, reason: 'answer_out_of_range' });
      expect(body.details.refused[0].message).toContain('7');
    }
  });

  it('says each refused complaint row and imported clause in the language asked', () => {
    const rows = new ComplaintRowsRefused([
      { line: 3, field: 'received', value: 'kemarin', reason: 'date_invalid' },
    ]);
    expect(said(rows, 'en').details.refused[0].message).toContain('kemarin');
    expect(said(rows, 'id').details.refused[0].message).not.toEqual(
      said(rows, 'en').details.refused[0].message,
    );
    const clauses = new ImportRefused([{ row: 4, clause: '4.1', reason: 'rating_invalid' }]);
    // The rating labels it lists are the caller's too.
    expect(said(clauses, 'en').details.refused[0].message).toContain('Partly met');
  });

  it('names the undiscussed inputs of a review by their text, in the language asked', () => {
    const error = new ReviewInputsNotDiscussed(['customer_satisfaction']);
    const [id, en] = [said(error, 'id').message, said(error, 'en').message];
    expect(en).toContain('1 inputs of 9.3.2');
    expect(id).not.toEqual(en);
    expect(en).not.toContain('customer_satisfaction');
  });
});
