import type { Rating } from './assessment-types.js';
import { addCounts, countRating, emptyCounts, scoreOf, toPercent } from './score-rules.js';

describe('countRating and scoreOf', () => {
  const counted = (leaves: [boolean, Rating][]) => {
    const counts = emptyCounts();
    for (const [applicable, rating] of leaves) countRating(counts, { applicable, rating });
    return counts;
  };

  it.each<[string, [boolean, Rating][], number | null]>([
    ['no leaves', [], null],
    ['only leaves that do not apply', [[false, 'met']], null],
    ['met counts 1', [[true, 'met']], 1],
    [
      'partly met counts half',
      [
        [true, 'partly_met'],
        [true, 'met'],
      ],
      0.75,
    ],
    [
      'not met and not assessed count 0',
      [
        [true, 'not_met'],
        [true, 'not_assessed'],
      ],
      0,
    ],
    [
      'a leaf that does not apply is left out',
      [
        [true, 'met'],
        [false, 'not_met'],
      ],
      1,
    ],
  ])('%s', (_what, leaves, score) => {
    expect(scoreOf(counted(leaves))).toBe(score);
  });

  it('counts each rating, and adds counts up', () => {
    const a = counted([
      [true, 'met'],
      [true, 'partly_met'],
      [false, 'not_assessed'],
    ]);
    const b = counted([
      [true, 'not_met'],
      [true, 'not_assessed'],
    ]);
    addCounts(a, b);
    expect(a).toEqual({
      applicable: 4,
      notApplicable: 1,
      met: 1,
      partlyMet: 1,
      notMet: 1,
      notAssessed: 1,
    });
  });
});

describe('toPercent', () => {
  it.each([
    [0.8384, 83.8],
    [0.5025, 50.3], // 100.5 / 200: a decimal half that binary arithmetic puts just below
    [2 / 3, 66.7],
    [1 / 3, 33.3],
    [1, 100],
    [0, 0],
    [0.99951, 100],
    [null, null],
  ])('%p → %p', (score, expected) => {
    expect(toPercent(score)).toBe(expected);
  });
});
