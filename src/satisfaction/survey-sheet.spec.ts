import { matchElement } from './elements.js';
import { answerProblem, parseCsv, parsePeriod, parseSurvey } from './survey-sheet.js';

const HEADER =
  'No;Layanan;Jenis kelamin;Sarana dan prasarana;Penanganan pengaduan, saran dan masukan;Perilaku pelaksana;Kompetensi pelaksana;Produk spesifikasi jenis pelayanan;Biaya/Tarif;Waktu penyelesaian;Sistem, mekanisme, dan prosedur;Persyaratan';

describe('element names', () => {
  it.each([
    ['Penanganan pengaduan, saran dan masukan', 'U8'],
    ['Pengaduan', 'U8'],
    ['PENANGANAN PENGADUAN SARAN & MASUKAN', 'U8'],
    ['U9 Sarana dan Prasarana', 'U9'],
    ['Sistem, Mekanisme, Prosedur', 'U2'],
    ['Biaya / Tarif', 'U4'],
    ['Produk Pelayanan', 'U5'],
    ['Kompetensi Pelaksana', 'U6'],
    ['Perilaku petugas', 'U7'],
    ['Waktu Penyelesaian', 'U3'],
    ['persyaratan.', 'U1'],
    ['Complaint handling', 'U8'],
  ])('%s is %s', (header, code) => {
    expect(matchElement(header)).toEqual({ kind: 'element', code });
  });

  it('refuses a bare number (forms differ on U8/U9) and an unknown name', () => {
    expect(matchElement('U8')).toEqual({ kind: 'numbered_only' });
    expect(matchElement('Keramahan satpam')).toEqual({ kind: 'unknown' });
  });
});

describe('survey files', () => {
  it('reads questionnaires by element name, in any column order', () => {
    const csv = `\uFEFF${HEADER}\r\n1;KTP-el;L;4;3;4;4;4;4;3;4;4\r\n2;KTP-el;P;3;3;4;4;4;4;4;4;4\r\n;;;;;;;;;;;\r\n`;
    const parsed = parseSurvey(parseCsv(csv));
    expect(parsed.kind).toBe('questionnaires');
    if (parsed.kind !== 'questionnaires') return;
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toEqual({
      service: 'KTP-el',
      answers: { U1: 4, U2: 4, U3: 3, U4: 4, U5: 4, U6: 4, U7: 4, U8: 3, U9: 4 },
    });
    expect(parsed.profile.sex).toEqual({ L: 1, P: 1 });
  });

  it('names unknown and missing elements', () => {
    const parsed = parseSurvey(parseCsv('Persyaratan,Prosedur,Keramahan satpam,U9\n4,4,4,4\n'));
    expect(parsed).toEqual({
      kind: 'header_refused',
      problems: expect.arrayContaining([
        { reason: 'element_unknown', column: 'Keramahan satpam' },
        { reason: 'element_numbered_only', column: 'U9' },
        { reason: 'element_missing', element: 'U3' },
        { reason: 'element_missing', element: 'U9' },
      ]) as unknown,
    });
  });

  it('refuses rows by line number with the reason', () => {
    const csv = `${HEADER}\n1;A;L;4;4;4;4;4;4;4;4;4\n2;A;L;5;4;4;4;4;4;4;4;4\n3;A;L;4;;4;4;4;4;4;4;4\n4;A;L;4;4;baik;4;4;4;4;4;4\n`;
    expect(parseSurvey(parseCsv(csv))).toEqual({
      kind: 'rows_refused',
      refused: [
        { line: 3, element: 'U9', value: '5', reason: 'answer_out_of_range' },
        { line: 4, element: 'U8', value: '', reason: 'answer_blank' },
        { line: 5, element: 'U7', value: 'baik', reason: 'answer_not_a_number' },
      ],
    });
  });

  it('counts lines of quoted fields that span lines', () => {
    const rows = parseCsv('a,b\n"x\ny",1\n2,3\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(rows[1].cells).toEqual(['x\ny', '1']);
  });

  it('reads published aggregates with the respondent count and the headline IKM', () => {
    const csv = [
      'Unsur;NRR',
      'Persyaratan;3,45',
      'Prosedur;3,45',
      'Waktu penyelesaian;3,45',
      'Biaya/tarif;3,45',
      'Produk pelayanan;3,45',
      'Kompetensi pelaksana;3,45',
      'Perilaku pelaksana;3,45',
      'Sarana dan prasarana;3,45',
      'Pengaduan;3,45',
      'Jumlah responden;120',
      'IKM;86,25',
    ].join('\n');
    const parsed = parseSurvey(parseCsv(csv));
    expect(parsed).toMatchObject({
      kind: 'aggregate',
      respondents: 120,
      reportedIkm: { num: 345n, den: 4n },
    });
  });

  it('refuses an aggregate NRR outside 1–4', () => {
    const parsed = parseSurvey(parseCsv('Unsur;NRR\nPersyaratan;4,5\nJumlah responden;10\n'));
    expect(parsed).toEqual({
      kind: 'rows_refused',
      refused: [{ line: 2, element: 'U1', value: '4,5', reason: 'nrr_invalid' }],
    });
  });

  it.each([
    ['4', null],
    ['1', null],
    ['4,0', null],
    ['5', 'answer_out_of_range'],
    ['0', 'answer_out_of_range'],
    ['3,5', 'answer_out_of_range'],
    ['', 'answer_blank'],
    ['empat', 'answer_not_a_number'],
  ])('answer %j → %s', (value, reason) => {
    expect(answerProblem(value)).toBe(reason);
  });

  it('reads periods', () => {
    expect(parsePeriod('2026-S1')).toEqual({ startsOn: '2026-01-01', endsOn: '2026-06-30' });
    expect(parsePeriod('2026-S2')).toEqual({ startsOn: '2026-07-01', endsOn: '2026-12-31' });
    expect(parsePeriod('2025')).toEqual({ startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect(parsePeriod('2026-S3')).toBeNull();
    expect(parsePeriod('26')).toBeNull();
  });
});
