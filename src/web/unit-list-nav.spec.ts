import { unitListHref, unitListNav } from './unit-list-nav.js';

const totals = { unitCount: 4500, readyUnits: 1200, unitsWithOverdueActions: 310, matching: 4500 };

describe('the dashboard unit list: the API query as links', () => {
  it.each([
    [{}, '/organisations/o'],
    [{ page: 1, limit: 100, sort: 'code', order: 'asc' } as const, '/organisations/o'],
    [
      { filter: 'overdue', sort: 'score', order: 'desc', limit: 50, page: 3 } as const,
      '/organisations/o?filter=overdue&sort=score&order=desc&limit=50&page=3',
    ],
  ])('%j → %s', (q, href) => {
    expect(unitListHref('/organisations/o', q)).toBe(href);
  });

  it('counts each filter from the totals, keeps the sort, and starts a new filter at page 1', () => {
    const nav = unitListNav(
      '/organisations/o',
      { sort: 'score', order: 'desc', limit: 50, page: 4 },
      totals,
      50,
      'id',
    );
    expect(nav.filters.map((f) => [f.label, f.href, f.current])).toEqual([
      ['Semua (4.500)', '/organisations/o?sort=score&order=desc&limit=50', true],
      ['Siap (1.200)', '/organisations/o?filter=ready&sort=score&order=desc&limit=50', false],
      [
        'Belum siap (3.300)',
        '/organisations/o?filter=not_ready&sort=score&order=desc&limit=50',
        false,
      ],
      [
        'Ada tindakan terlambat (310)',
        '/organisations/o?filter=overdue&sort=score&order=desc&limit=50',
        false,
      ],
    ]);
    expect(nav.sorts.filter((s) => s.current).map((s) => s.key)).toEqual(['score_desc']);
    expect(nav.range).toBe('Unit 151–200 dari 4.500');
    expect(nav.prev).toBe('/organisations/o?sort=score&order=desc&limit=50&page=3');
    expect(nav.next).toBe('/organisations/o?sort=score&order=desc&limit=50&page=5');
  });

  it('has no next page after the last unit that matches, and says when none does', () => {
    const last = unitListNav(
      '/organisations/o',
      { filter: 'ready', limit: 100, page: 12 },
      { ...totals, matching: 1200 },
      100,
      'en',
    );
    expect([last.range, last.next, last.prev]).toEqual([
      'Units 1,101–1,200 of 1,200',
      null,
      '/organisations/o?filter=ready&page=11',
    ]);
    const none = unitListNav(
      '/organisations/o',
      { filter: 'ready' },
      { ...totals, matching: 0 },
      0,
      'en',
    );
    expect([none.range, none.next, none.prev]).toEqual([null, null, null]);
  });
});
