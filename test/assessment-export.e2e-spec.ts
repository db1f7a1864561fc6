import ExcelJS from 'exceljs';
import request from 'supertest';
import { RATINGS } from '../src/assessments/assessment-types.js';
import { translate } from '../src/i18n/i18n.js';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { ClauseAssessment } from '../src/assessments/clause-assessment.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { binaryBody } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/** Rating labels as the locale files word them. */
const label = (rating: string, lang: 'id' | 'en' = 'id'): string =>
  translate(lang, `rating.${rating}`);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const workbook = async (bytes: Buffer): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
};

const rowOf = (ws: ExcelJS.Worksheet, clause: string): ExcelJS.Row => {
  for (let r = 2; r <= ws.rowCount; r++)
    if (ws.getRow(r).getCell(1).text === clause) return ws.getRow(r);
  throw new Error(`no row for ${clause}`);
};

const texts = (row: ExcelJS.Row, n: number): string[] =>
  Array.from({ length: n }, (_v, i) => row.getCell(i + 1).text);

describeDb('assessment export (CSV, XLSX) and import (XLSX)', () => {
  let t: TestApp;
  let assessor: Session;
  let management: Session;
  let officer: Session;
  let cycle: {
    id: string;
    unit: { code: string };
    startsOn: string;
    clauses: { number: string; rating: string }[];
  };
  let other: string;

  const exportXlsx = async (query = ''): Promise<{ res: request.Response; bytes: Buffer }> => {
    const res = await request(t.server)
      .get(`/api/assessments/${cycle.id}/export.xlsx${query}`)
      .set(bearer(assessor))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    return { res, bytes: res.body as Buffer };
  };
  const importXlsx = (bytes: Buffer, id = cycle.id, s = assessor) =>
    request(t.server)
      .post(`/api/assessments/${id}/import.xlsx`)
      .set(bearer(s))
      .set('Content-Type', XLSX)
      .send(bytes);
  const ratingOf = async (clause: string): Promise<string> =>
    (
      (await request(t.server).get(`/api/assessments/${cycle.id}`).set(bearer(assessor))).body
        .clauses as { number: string; rating: string }[]
    ).find((c) => c.number === clause)!.rating;
  const stored = () =>
    t.db
      .getRepository(ClauseAssessment)
      .find({ where: { assessmentId: cycle.id }, order: { clauseId: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp();
    [assessor, management, officer] = await Promise.all(
      ['assessor', 'management', 'officer.dukcapil'].map((u) => login(t.server, u)),
    );
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(assessor))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(assessor))
    ).body as { id: string; code: string }[];
    const id = (code: string) => units.find((u) => u.code === code)!.id;
    const [current] = (
      await request(t.server)
        .get(`/api/units/${id('DUKCAPIL')}/assessments`)
        .set(bearer(assessor))
    ).body;
    cycle = (await request(t.server).get(`/api/assessments/${current.id}`).set(bearer(assessor)))
      .body;
    other = (
      await request(t.server)
        .get(`/api/units/${id('RSUD')}/assessments`)
        .set(bearer(assessor))
    ).body[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports the clause table and the findings as a workbook, in Indonesian by default', async () => {
    const { res, bytes } = await exportXlsx();
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="penilaian-DUKCAPIL-${cycle.startsOn}.xlsx"`,
    );
    const wb = await workbook(bytes);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Klausul',
      'Temuan',
    ]);
    const clauses = wb.getWorksheet('Klausul')!;
    expect(texts(clauses.getRow(1), 6)).toEqual([
      'Nomor klausul',
      'Judul klausul',
      'Diterapkan',
      'Justifikasi tidak diterapkan',
      'Penilaian',
      'Catatan asesor',
    ]);
    expect(clauses.rowCount).toBe(66);
    const rating = cycle.clauses.find((c) => c.number === '9.1.2')!.rating;
    expect(texts(rowOf(clauses, '9.1.2'), 5)).toEqual([
      '9.1.2',
      expect.stringMatching(/kepuasan pelanggan/i),
      'Ya',
      '',
      label(rating),
    ]);
    // Drop-down lists guide whoever edits the sheet.
    expect(rowOf(clauses, '4.1').getCell(5).dataValidation).toMatchObject({
      type: 'list',
      formulae: [`"${RATINGS.map((r) => label(r)).join(',')}"`],
    });
    const findings = wb.getWorksheet('Temuan')!;
    const list = (
      await request(t.server).get(`/api/assessments/${cycle.id}/findings`).set(bearer(assessor))
    ).body as { reference: string; clause: { number: string } }[];
    expect(findings.rowCount).toBe(list.length + 1);
    expect(texts(findings.getRow(1), 4)).toEqual(['No.', 'Klausul', 'Kategori', 'Status']);
    expect(texts(findings.getRow(2), 2)).toEqual([list[0].reference, list[0].clause.number]);
  });

  it('exports in English with ?lang=en', async () => {
    const { res, bytes } = await exportXlsx('?lang=en');
    expect(res.headers['content-disposition']).toContain('assessment-DUKCAPIL-');
    const wb = await workbook(bytes);
    const ws = wb.getWorksheet('Clauses')!;
    expect(texts(ws.getRow(1), 6)).toEqual([
      'Clause number',
      'Clause title',
      'Applicable',
      'Justification if not applicable',
      'Rating',
      "Assessor's note",
    ]);
    expect(rowOf(ws, '4.1').getCell(3).text).toBe('Yes');
    expect(wb.getWorksheet('Findings')).toBeDefined();
  });

  it('exports CSV as UTF-8 with BOM and semicolons; ?part=findings for the findings', async () => {
    const res = await request(t.server)
      .get(`/api/assessments/${cycle.id}/export.csv`)
      .set(bearer(management))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Nomor klausul;Judul klausul;Diterapkan;Justifikasi tidak diterapkan;Penilaian;Catatan asesor',
    );
    expect(lines).toHaveLength(67); // header, 65 clauses, the empty string after the last CRLF
    expect(lines[1]).toMatch(/^4\.1;/);
    const findings = await request(t.server)
      .get(`/api/assessments/${cycle.id}/export.csv?part=findings&lang=en`)
      .set(bearer(officer))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(findings.headers['content-disposition']).toContain('findings-DUKCAPIL-');
    expect((findings.body as Buffer).toString('utf8').slice(1).split('\r\n')[0]).toBe(
      'No.;Clause;Grade;State;Statement;Objective evidence;Correction;Root cause;Corrective action;Owner;Due date;Overdue',
    );
    const bad = await request(t.server)
      .get(`/api/assessments/${cycle.id}/export.csv?part=everything`)
      .set(bearer(officer))
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'part', rule: 'isIn' });
  });

  it('imports an edited workbook back: the changed rating is applied, the rest is left alone', async () => {
    const { bytes } = await exportXlsx();
    const wb = await workbook(bytes);
    const ws = wb.getWorksheet('Klausul')!;
    const before = await ratingOf('7.1.6');
    const target = before === 'met' ? 'not_met' : 'met';
    rowOf(ws, '7.1.6').getCell(5).value = label(target);
    rowOf(ws, '7.1.6').getCell(6).value = 'Dinilai ulang dari lembar kerja.';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const events = await t.db
      .getRepository(AuditEvent)
      .countBy({ action: 'clause_assessment.import' });

    const res = await importXlsx(edited).expect(200);
    expect(res.body).toEqual({ applied: 1, unchanged: 64, refused: [] });
    expect(await ratingOf('7.1.6')).toBe(target);
    expect(
      await t.db.getRepository(AuditEvent).countBy({ action: 'clause_assessment.import' }),
    ).toBe(events + 1);
    // Importing the same file again changes nothing.
    expect((await importXlsx(edited).expect(200)).body).toEqual({
      applied: 0,
      unchanged: 65,
      refused: [],
    });
  });

  it('refuses a sheet whose columns are not the expected ones, naming them', async () => {
    const wb = await workbook((await exportXlsx()).bytes);
    wb.getWorksheet('Klausul')!.getRow(1).getCell(5).value = 'Nilai';
    const res = await importXlsx(Buffer.from(await wb.xlsx.writeBuffer())).expect(400);
    expect(res.body).toMatchObject({
      code: 'import_wrong_columns',
      message:
        'Kolom lembar kerja tidak sesuai. Kolom yang diharapkan, berurutan: Nomor klausul, Judul klausul, Diterapkan, Justifikasi tidak diterapkan, Penilaian, Catatan asesor.',
      details: { found: expect.arrayContaining(['Nilai']) },
    });
  });

  it('applies nothing when one row is refused, and says which row and why', async () => {
    const wb = await workbook((await exportXlsx()).bytes);
    const ws = wb.getWorksheet('Klausul')!;
    rowOf(ws, '4.1').getCell(5).value = label('not_met'); // a valid change …
    const bad = rowOf(ws, '8.3.1');
    bad.getCell(3).value = 'Tidak'; // … and a clause excluded without a justification
    bad.getCell(4).value = '';
    bad.getCell(5).value = label('not_assessed');
    rowOf(ws, '8.6').getCell(5).value = 'Bagus';
    const rowsBefore = await stored();
    const events = await t.db.getRepository(AuditEvent).count();

    const res = await importXlsx(Buffer.from(await wb.xlsx.writeBuffer())).expect(422);
    expect(res.body).toMatchObject({
      code: 'import_refused',
      message:
        '2 isian ditolak, sehingga tidak ada perubahan yang disimpan. Perbaiki baris yang disebutkan, lalu impor ulang.',
      details: {
        applied: 0,
        refused: [
          {
            row: bad.number,
            clause: '8.3.1',
            reason: 'justification_required',
            message:
              'klausul yang tidak diterapkan wajib diberi justifikasi (klausul 4.3 ISO 9001)',
          },
          { row: rowOf(ws, '8.6').number, clause: '8.6', reason: 'rating_invalid' },
        ],
      },
    });
    expect(await stored()).toEqual(rowsBefore);
    expect(await t.db.getRepository(AuditEvent).count()).toBe(events);
  });

  it('refuses what is not an .xlsx of this assessment, and who may not rate it', async () => {
    const notXlsx = await importXlsx(
      Buffer.from('Nomor klausul;Penilaian\r\n4.1;Terpenuhi\r\n'),
    ).expect(400);
    expect(notXlsx.body.code).toBe('import_not_xlsx');
    const json = await request(t.server)
      .post(`/api/assessments/${cycle.id}/import.xlsx`)
      .set(bearer(assessor))
      .send({ rows: [] })
      .expect(415);
    expect(json.body).toMatchObject({ code: 'import_unsupported_type' });
    const tooLarge = await importXlsx(Buffer.alloc(5 * 1024 * 1024 + 1)).expect(413);
    expect(tooLarge.body).toMatchObject({
      code: 'import_too_large',
      message: 'Berkas terlalu besar; batasnya 5 MB.',
    });

    const { bytes } = await exportXlsx();
    const elsewhere = await importXlsx(bytes, other).expect(422);
    expect(elsewhere.body.code).toBe('import_other_assessment');
    await importXlsx(bytes, cycle.id, officer).expect(403);
    await importXlsx(bytes, cycle.id, management).expect(403);
  });
});
