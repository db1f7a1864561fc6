import type { AuditEventView } from '../audit-log/audit-log.service.js';
import { auditRow, showValue } from './audit-rows.js';

const event = (over: Partial<AuditEventView>): AuditEventView => ({
  id: 'e1',
  occurredAt: new Date('2026-11-23T02:00:00Z'),
  actor: { id: 'u1', username: 'admin', displayName: 'Admin' },
  action: 'unit.update',
  entity: 'unit',
  entityId: '3f2b8c1e-0d4a-4c55-9f6e-2a7b9c0d1e2f',
  unitId: null,
  changes: null,
  requestId: null,
  ...over,
});

describe('audit rows', () => {
  it('names the action and the record in the reader’s language', () => {
    expect(auditRow(event({}), 'id', 'admin')).toMatchObject({
      actionLabel: 'Unit kerja diubah',
      entityLabel: 'Unit kerja 3f2b8c1e',
    });
    expect(auditRow(event({}), 'en', 'admin').actionLabel).toBe('Unit changed');
  });

  it('an action without a translation shows its code rather than a key', () => {
    expect(auditRow(event({ action: 'unit.merge' }), 'id', 'admin').actionLabel).toBe('unit.merge');
  });

  it('links a record to the page the reader can open', () => {
    expect(auditRow(event({}), 'id', 'admin').link).toBe(
      '/admin/units/3f2b8c1e-0d4a-4c55-9f6e-2a7b9c0d1e2f',
    );
    expect(auditRow(event({}), 'id', 'management').link).toBe(
      '/units/3f2b8c1e-0d4a-4c55-9f6e-2a7b9c0d1e2f',
    );
    expect(auditRow(event({ entity: 'user' }), 'id', 'quality_officer').link).toBeNull();
    // A failed sign-in is recorded against the typed user name: no page for it.
    const failed = event({ action: 'auth.login_failed', entity: 'user', entityId: 'budi' });
    expect(auditRow(failed, 'id', 'admin')).toMatchObject({
      link: null,
      entityLabel: 'Pengguna budi',
    });
  });

  it('lists each changed field as before → after, with nothing before for a new value', () => {
    const row = auditRow(
      event({
        changes: {
          name: { before: 'Setda', after: 'Sekretariat Daerah' },
          unitIds: { before: null, after: ['a', 'b'] },
          withdrawn: { before: false, after: true },
        },
      }),
      'id',
      'admin',
    );
    expect(row.changes).toEqual([
      { field: 'Nama', before: 'Setda', after: 'Sekretariat Daerah' },
      { field: 'Unit kerja', before: null, after: 'a, b' },
      { field: 'Nonaktif/ditarik', before: 'false', after: 'true' },
    ]);
    // A field without a label keeps its stored name.
    const odd = auditRow(event({ changes: { shoeSize: { before: 1, after: 2 } } }), 'en', 'admin');
    expect(odd.changes[0]?.field).toBe('shoeSize');
  });

  it('cuts long values to one line', () => {
    expect(showValue('x'.repeat(500))).toHaveLength(120);
    expect(showValue('x'.repeat(500)).endsWith('…')).toBe(true);
    expect(showValue(null)).toBe('–');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});
