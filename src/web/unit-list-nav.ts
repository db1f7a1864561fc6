import { formatCount } from '../common/numbers.js';
import { translate, type Language } from '../i18n/i18n.js';
import type {
  OrganisationReadinessQuery,
  SortOrder,
  UnitFilter,
  UnitSort,
} from '../readiness/readiness.dto.js';

/** The dashboard's default page of units (the API's default `limit` too). */
export const DASHBOARD_LIMIT = 100;

export interface NavLink {
  key: string;
  label: string;
  href: string;
  current: boolean;
}

export interface UnitListNav {
  filters: NavLink[];
  sorts: NavLink[];
  /** "Unit 1–50 dari 4.500"; null when no unit matches. */
  range: string | null;
  prev: string | null;
  next: string | null;
}

/** What the totals of GET /api/organisations/:id/readiness say about the list. */
interface ListTotals {
  unitCount: number;
  readyUnits: number;
  unitsWithOverdueActions: number;
  matching: number;
}

type ListQuery = Partial<
  Pick<OrganisationReadinessQuery, 'filter' | 'sort' | 'order' | 'limit' | 'page'>
>;

const SORTS: { key: string; sort: UnitSort; order: SortOrder }[] = [
  { key: 'code', sort: 'code', order: 'asc' },
  { key: 'name', sort: 'name', order: 'asc' },
  { key: 'score_desc', sort: 'score', order: 'desc' },
  { key: 'score_asc', sort: 'score', order: 'asc' },
];

/** The page's address for a query: only what differs from the defaults, in a fixed order. */
export function unitListHref(base: string, q: ListQuery): string {
  const params = new URLSearchParams();
  if (q.filter) params.set('filter', q.filter);
  if (q.sort && q.sort !== 'code') params.set('sort', q.sort);
  if (q.order && q.order !== 'asc') params.set('order', q.order);
  if (q.limit && q.limit !== DASHBOARD_LIMIT) params.set('limit', String(q.limit));
  if (q.page && q.page > 1) params.set('page', String(q.page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/**
 * The dashboard's unit list controls, paging through the same query as the API: filters with the
 * number of units each shows (from the totals, over every unit the reader sees), the sorts, and the
 * previous / next page. A new filter or sort starts again at page 1.
 */
export function unitListNav(
  base: string,
  q: ListQuery,
  totals: ListTotals,
  shown: number,
  lang: Language,
): UnitListNav {
  const limit = q.limit ?? DASHBOARD_LIMIT;
  const page = q.page ?? 1;
  const counts: [UnitFilter | undefined, string, number][] = [
    [undefined, 'all', totals.unitCount],
    ['ready', 'ready', totals.readyUnits],
    ['not_ready', 'not_ready', totals.unitCount - totals.readyUnits],
    ['overdue', 'overdue', totals.unitsWithOverdueActions],
  ];
  const sort = q.sort ?? 'code';
  const order = q.order ?? 'asc';
  const from = (page - 1) * limit + 1;
  return {
    filters: counts.map(([filter, key, count]) => ({
      key,
      label: translate(lang, `dashboard.filter_${key}`, { count: formatCount(count, lang) }),
      href: unitListHref(base, { ...q, filter, page: 1 }),
      current: q.filter === filter,
    })),
    sorts: SORTS.map((s) => ({
      key: s.key,
      label: translate(lang, `dashboard.sort_${s.key}`),
      href: unitListHref(base, { ...q, sort: s.sort, order: s.order, page: 1 }),
      current: s.sort === sort && s.order === order,
    })),
    range:
      shown === 0
        ? null
        : translate(lang, 'dashboard.range', {
            from: formatCount(from, lang),
            to: formatCount(from + shown - 1, lang),
            total: formatCount(totals.matching, lang),
          }),
    prev: page > 1 ? unitListHref(base, { ...q, page: page - 1 }) : null,
    next: page * limit < totals.matching ? unitListHref(base, { ...q, page: page + 1 }) : null,
  };
}
