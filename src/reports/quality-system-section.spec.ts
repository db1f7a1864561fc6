import { lastReportedAudit } from './audit-review-section.js';
import type { AssessmentSummaryView } from '../assessments/assessment-views.js';
import { qualitySystemSection, type UnitQualitySystem } from './quality-system-section.js';

const unit = (over: Partial<UnitQualitySystem> = {}): UnitQualitySystem => ({
  unitId: 'u1',
  audits: [],
  review: null,
  openActions: 0,
  overdueActions: 0,
  risks: { risks: 0, high: 0, untreated: 0 },
  objectives: { onTrack: 0, offTrack: 0, noData: 0 },
  complaints: { received: 0, withinLimit: null, overdue: 0 },
  ...over,
});
const row = (u: UnitQualitySystem, lang: 'id' | 'en' = 'id') =>
  qualitySystemSection(
    { year: 2026, period: '2026-S2', units: { u1: u } },
    [{ unitId: 'u1', name: 'Dinas (demo)', code: 'DKC' }],
    '7',
    lang,
  ).rows[0];

describe('qualitySystemSection', () => {
  it.each([
    [unit(), 'id', 'Belum direncanakan', 'Belum ada', 'Tidak ada pengaduan'],
    [unit(), 'en', 'Not planned', 'None yet', 'No complaints'],
    [
      unit({
        audits: [{ status: 'planned', overdue: true }],
        review: { heldOn: '2026-08-20', state: 'closed' },
        complaints: { received: 17, withinLimit: 12 / 17, overdue: 2 },
      }),
      'id',
      'Direncanakan (terlambat)',
      '20 Agustus 2026 · ditutup',
      '17 diterima, 70,6% selesai dalam batas waktu, 2 terbuka melewati batas',
    ],
    [
      unit({
        audits: [{ status: 'done', overdue: false }],
        review: { heldOn: '2026-11-25', state: 'draft' },
        complaints: { received: 4, withinLimit: 0.875, overdue: 0 },
      }),
      'en',
      'Done',
      '25 November 2026 · draft',
      '4 received, 87.5% resolved within the limit, 0 open past the limit',
    ],
  ] as const)(
    '%#: audit, review and complaints as written out',
    (u, lang, audit, review, complaints) => {
      const r = row(u, lang);
      expect(r.audit).toBe(audit);
      expect(r.review).toBe(review);
      expect(r.complaints).toBe(complaints);
    },
  );

  it('counts risks, actions and objectives as written out', () => {
    const r = row(
      unit({
        openActions: 3,
        overdueActions: 1,
        risks: { risks: 5, high: 2, untreated: 1 },
        objectives: { onTrack: 2, offTrack: 1, noData: 0 },
      }),
    );
    expect(r.actions).toBe('3 terbuka, 1 terlambat');
    expect(r.risks).toBe('2 tinggi/sangat tinggi, 1 belum ditangani');
    expect(r.objectives).toBe('2 sesuai target, 1 belum sesuai, 0 belum diukur');
  });
});

describe('lastReportedAudit', () => {
  const cycle = (
    id: string,
    type: string,
    state: string,
    startsOn: string,
    endsOn: string | null,
  ) => ({ id, type, state, startsOn, endsOn }) as unknown as AssessmentSummaryView;
  it.each([
    [[], null],
    [[cycle('a', 'gap_assessment', 'reported', '2026-01-01', '2026-02-01')], null],
    [[cycle('a', 'internal_audit', 'in_progress', '2026-01-01', null)], null],
    [
      [
        cycle('old', 'internal_audit', 'reported', '2025-07-01', '2025-07-03'),
        cycle('new', 'internal_audit', 'reported', '2026-07-13', '2026-07-15'),
        cycle('open', 'internal_audit', 'in_progress', '2026-11-01', null),
      ],
      'new',
    ],
  ])('%#', (cycles, id) => {
    expect(lastReportedAudit(cycles)?.id ?? null).toBe(id);
  });
});
