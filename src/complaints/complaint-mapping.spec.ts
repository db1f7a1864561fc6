import { defaultMapping, isPersonalColumn, resolveMapping } from './complaint-mapping.js';

const LAPOR = [
  'Nomor Tiket',
  'Nama Pelapor',
  'No. HP',
  'NIK',
  'Email',
  'Kanal',
  'Kategori',
  'Tanggal Laporan',
  'Tanggal Disposisi',
  'Tanggal Selesai',
  'Status',
  'Judul Laporan',
];

describe('complaint column mapping', () => {
  it('maps a LAPOR!-style export by its headers and never maps personal columns', () => {
    expect(defaultMapping(LAPOR)).toEqual({
      trackingId: 'Nomor Tiket',
      channel: 'Kanal',
      category: 'Kategori',
      received: 'Tanggal Laporan',
      firstResponse: 'Tanggal Disposisi',
      resolved: 'Tanggal Selesai',
      status: 'Status',
      summary: 'Judul Laporan',
    });
    const r = resolveMapping(LAPOR, null, null);
    expect(r.from).toBe('default');
    expect(r.personal).toEqual(['Nama Pelapor', 'No. HP', 'NIK', 'Email']);
    expect(r.missing).toEqual([]);
  });

  it.each([
    ['Nama Pelapor', true],
    ['Nama', true],
    ['No. Telp', true],
    ['Nomor WA', true],
    ['NIK Pelapor', true],
    ['E-mail', true],
    ['Alamat', true],
    ['Kategori', false],
    ['Nomor Tiket', false],
    ['Status', false],
  ])('%s is personal data: %s', (header, personal) => {
    expect(isPersonalColumn(header)).toBe(personal);
  });

  it('takes a requested mapping as is and names each problem', () => {
    const r = resolveMapping(LAPOR, { trackingId: 'Kode', received: 'NIK' }, null);
    expect(r.from).toBe('request');
    expect(r.problems).toEqual([
      { field: 'trackingId', column: 'Kode', reason: 'column_absent' },
      { field: 'received', column: 'NIK', reason: 'column_personal' },
    ]);
    expect(r.missing).toEqual(['trackingId', 'received']);
  });

  it('uses the saved mapping of the source, case- and punctuation-insensitively', () => {
    const headers = ['ID Qlue', 'Waktu Masuk', 'Topik'];
    const r = resolveMapping(headers, null, {
      trackingId: 'id qlue',
      received: 'WAKTU-MASUK',
      category: 'Topik',
      status: null,
    });
    expect(r.from).toBe('saved');
    expect(r.mapping).toMatchObject({
      trackingId: 'ID Qlue',
      received: 'Waktu Masuk',
      category: 'Topik',
      status: null,
    });
    expect(r.missing).toEqual([]);
  });
});
