import { auditPlanned, annualObligationsDue } from './audit-review-sources.js';
import { evidenceRejected } from './evidence-sources.js';
import { NOTIFICATION_SOURCES } from './index.js';

const now = new Date('2026-12-02T07:30:00+08:00');

describe('notification sources: one statement each, rows mapped without I/O', () => {
  it('every source gives one SQL statement with named parameters only', () => {
    for (const source of NOTIFICATION_SOURCES) {
      const { sql, params = {} } = source.query(now);
      expect(sql).toMatch(/^\s*SELECT /);
      expect(sql).not.toContain(';');
      for (const [, name] of sql.matchAll(/(?<!:):(\w+)/g)) expect(params).toHaveProperty(name);
    }
  });

  it('a planned audit names the unit and links to the entry on the programme page', () => {
    const [c] = auditPlanned.candidates(
      [
        {
          id: 'e1',
          programme_id: 'p1',
          unit_id: 'u1',
          unit_name: 'Dinas Kependudukan',
          start_on: '2026-12-07',
          recipient_id: 'auditor',
        },
      ],
      now,
    );
    expect(c).toEqual({
      kind: 'audit_planned',
      recordId: 'e1',
      recipientId: 'auditor',
      unitId: 'u1',
      dueOn: '2026-12-07',
      params: { date: '2026-12-07', unit: 'Dinas Kependudukan' },
      url: '/audit-programmes/p1#entry-e1',
    });
  });

  it('a rejection is keyed by its day in Kupang, not in UTC', () => {
    // 17.00 UTC on 1 December is already 2 December in WITA.
    const [c] = evidenceRejected.candidates(
      [{ id: 'x', unit_id: 'u', title: 'SK', at: '2026-12-01 17:00:00.000', recipient_id: 'r' }],
      now,
    );
    expect(c.dueOn).toBe('2026-12-02');
  });

  it('yearly obligations are proposed only within 30 days of falling due', () => {
    const rows = [
      { unit_id: 'u', recipient_id: 'r', last_review: '2025-12-20', last_audit: '2026-06-01' },
    ];
    const kinds = annualObligationsDue.candidates(rows, now).map((c) => [c.kind, c.dueOn]);
    expect(kinds).toEqual([['management_review_due', '2026-12-20']]);
  });
});
