import { defaultMapping } from './complaint-mapping.js';
import { normaliseStatus, parseDay, readComplaintRows } from './complaint-rows.js';

describe('complaint log rows', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026-03-05 14:20', '2026-03-05'],
    ['2026-03-05T14:20:11+08:00', '2026-03-05'],
    ['05/03/2026', '2026-03-05'],
    ['5-3-2026 08:00', '2026-03-05'],
    ['5 Mar 2026', '2026-03-05'],
    ['5 Agustus 2026', '2026-08-05'],
    ['Thu Mar 05 2026 00:00:00 GMT+0000 (Coordinated Universal Time)', '2026-03-05'],
    ['31/02/2026', null],
    ['kemarin', null],
    ['2026-13-01', null],
  ])('day of %j is %j', (text, day) => {
    expect(parseDay(text)).toBe(day);
  });

  it.each([
    ['Selesai', null, 'resolved'],
    ['Ditutup', null, 'resolved'],
    ['Proses tindak lanjut', null, 'in_progress'],
    ['Terverifikasi', null, 'in_progress'],
    ['Belum diproses', null, 'in_progress'],
    ['Baru', null, 'open'],
    [null, null, 'open'],
    ['Baru', '2026-03-05', 'resolved'],
  ] as const)('status %j (resolved %j) is %s', (label, resolvedOn, status) => {
    expect(normaliseStatus(label, resolvedOn)).toBe(status);
  });

  const header = ['Nomor Tiket', 'Nama Pelapor', 'Tanggal Laporan', 'Tanggal Selesai', 'Status'];
  const mapping = defaultMapping(header);

  it('reads only the mapped columns: the name never leaves the reader', () => {
    const { rows, refused } = readComplaintRows(
      [
        { line: 1, cells: header },
        { line: 2, cells: ['LAP-1', 'Budi', '02/03/2026', '', 'Proses'] },
        { line: 3, cells: ['', '', '', '', ''] },
        { line: 4, cells: ['LAP-2', 'Siti', '2026-03-02', '2026-03-04', 'Selesai'] },
      ],
      mapping,
    );
    expect(refused).toEqual([]);
    expect(rows.map((r) => [r.line, r.trackingId, r.receivedOn, r.status])).toEqual([
      [2, 'LAP-1', '2026-03-02', 'in_progress'],
      [4, 'LAP-2', '2026-03-02', 'resolved'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Budi|Siti/);
  });

  it('refuses by line with the reason, every one of them', () => {
    const { refused } = readComplaintRows(
      [
        { line: 1, cells: header },
        { line: 2, cells: ['LAP-1', 'x', 'kemarin', '', ''] },
        { line: 3, cells: ['', 'x', '2026-03-02', '', ''] },
        { line: 4, cells: ['LAP-3', 'x', '2026-03-05', '2026-03-01', ''] },
        { line: 5, cells: ['lap-3', 'x', '2026-03-05', '', ''] },
        { line: 6, cells: ['DROP TABLE;', 'x', '2026-03-05', '', ''] },
      ],
      mapping,
    );
    expect(refused.map((r) => [r.line, r.field, r.reason])).toEqual([
      [2, 'received', 'date_invalid'],
      [3, 'trackingId', 'required_blank'],
      [4, 'resolved', 'date_before_received'],
      [5, 'trackingId', 'tracking_id_duplicate'],
      [6, 'trackingId', 'tracking_id_invalid'],
    ]);
  });
});
