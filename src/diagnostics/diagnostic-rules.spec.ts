import {
  compareRatings,
  quadrantSummaries,
  trendCounts,
  type DiagnosticRating,
  type Quadrant,
  type RatingTrend,
} from './diagnostic-rules.js';

describe('compareRatings: the trend of one indicator against the previous period', () => {
  const table: [DiagnosticRating | null, DiagnosticRating | null, RatingTrend][] = [
    ['red', 'yellow', 'improved'],
    ['red', 'green', 'improved'],
    ['yellow', 'green', 'improved'],
    ['green', 'yellow', 'worse'],
    ['green', 'red', 'worse'],
    ['yellow', 'red', 'worse'],
    ['red', 'red', 'same'],
    ['yellow', 'yellow', 'same'],
    ['green', 'green', 'same'],
    [null, 'green', 'not_comparable'],
    ['green', null, 'not_comparable'],
    [null, null, 'not_comparable'],
  ];
  it.each(table)('%s → %s is %s', (previous, current, trend) => {
    expect(compareRatings(previous, current)).toBe(trend);
  });
});

describe('quadrantSummaries', () => {
  it('counts each colour and the unrated per quadrant, every quadrant in order', () => {
    const rows: { quadrant: Quadrant; rating: DiagnosticRating | null }[] = [
      { quadrant: 'social', rating: 'red' },
      { quadrant: 'social', rating: 'green' },
      { quadrant: 'social', rating: null },
      { quadrant: 'institutional', rating: 'yellow' },
      { quadrant: 'institutional', rating: 'yellow' },
    ];
    expect(quadrantSummaries(rows)).toEqual([
      { quadrant: 'institutional', total: 2, red: 0, yellow: 2, green: 0, notRated: 0 },
      { quadrant: 'economic', total: 0, red: 0, yellow: 0, green: 0, notRated: 0 },
      { quadrant: 'social', total: 3, red: 1, yellow: 0, green: 1, notRated: 1 },
      { quadrant: 'environmental', total: 0, red: 0, yellow: 0, green: 0, notRated: 0 },
    ]);
  });
});

describe('trendCounts', () => {
  it('counts the trends of a comparison', () => {
    expect(
      trendCounts(['improved', 'worse', 'not_comparable', 'same', 'improved', 'not_comparable']),
    ).toEqual({ improved: 2, worse: 1, same: 1, notComparable: 2 });
  });
});
