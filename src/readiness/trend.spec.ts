import { organisationTrend } from './trend.js';

describe('organisationTrend', () => {
  it('averages each unit’s latest score on every day something changed', () => {
    expect(
      organisationTrend([
        { unitId: 'a', day: '2026-11-01', score: 0.2 },
        { unitId: 'b', day: '2026-11-01', score: 0.6 },
        { unitId: 'a', day: '2026-11-10', score: 0.4 },
        { unitId: 'c', day: '2026-11-20', score: null },
      ]),
    ).toEqual([
      { date: '2026-11-01', value: 0.4 },
      { date: '2026-11-10', value: 0.5 },
      { date: '2026-11-20', value: 0.5 },
    ]);
  });

  it('is empty without snapshots', () => {
    expect(organisationTrend([])).toEqual([]);
  });
});
