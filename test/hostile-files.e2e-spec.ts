import ExcelJS from 'exceljs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { ClauseAssessment } from '../src/assessments/clause-assessment.entity.js';
import { EvidenceVersion } from '../src/evidence/evidence-version.entity.js';
import { Evidence } from '../src/evidence/evidence.entity.js';

import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';
import { buildZip, deflatedRepeat, minimalDocx, type ZipEntrySpec } from './support/zip-builder.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;
/** What any one hostile request may add to the process's memory. */
const MEMORY_BOUND = 64 * MB;

/**
 * The most the resident set grew while `run` ran: sampled every few milliseconds and, for a peak
 * between samples (a synchronous inflate blocks the sampler), the rise of the process's lifetime
 * maximum.
 */
async function memoryGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = process.memoryUsage.rss();
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    const lifetimeRise = process.resourceUsage().maxRSS * 1024 - Math.max(maxBefore, base);
    return { result, growth: Math.max(peak - base, lifetimeRise) };
  } finally {
    clearInterval(timer);
  }
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/** A spreadsheet-shaped archive: content types, a workbook, then the given parts. */
const workbookArchive = (parts: ZipEntrySpec[]): Buffer =>
  buildZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: 'xl/workbook.xml', content: '<workbook/>' },
    ...parts,
  ]);

describeDb('hostile files: zip bombs, polyglots, executables, odd names', () => {
  let t: TestApp;
  let assessor: Session;
  let officer: Session;
  let cycleId: string;
  let unitId: string;
  /** 300 MB of one repeated XML row, deflated to a few hundred KB. */
  let sheetBomb: { deflated: Buffer; size: number };

  beforeAll(async () => {
    t = await startTestApp();
    [assessor, officer] = await Promise.all(
      ['assessor', 'officer.dukcapil'].map((u) => login(t.server, u)),
    );
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(assessor))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(assessor))
    ).body as { id: string; code: string }[];
    unitId = units.find((u) => u.code === 'DUKCAPIL')!.id;
    cycleId = (
      await request(t.server).get(`/api/units/${unitId}/assessments`).set(bearer(assessor))
    ).body[0].id;
    sheetBomb = await deflatedRepeat(
      Buffer.from('<row><c t="inlineStr"><is><t>AAAAAAAA</t></is></c></row>'.repeat(1000)),
      Math.ceil((300 * MB) / 56_000),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the assessment import (.xlsx)', () => {
    const importXlsx = (bytes: Buffer) =>
      request(t.server)
        .post(`/api/assessments/${cycleId}/import.xlsx`)
        .set(bearer(assessor))
        .set('Content-Type', XLSX)
        .send(bytes);
    const ratings = () =>
      t.db.getRepository(ClauseAssessment).find({ where: { assessmentId: cycleId } });

    /** Sends a hostile workbook: refused as expected, memory bounded, nothing changed. */
    const refusedImport = async (bytes: Buffer, status: number, code: string | RegExp) => {
      expect(bytes.length).toBeLessThan(5 * MB);
      const before = {
        ratings: await ratings(),
        audit: await t.db.getRepository(AuditEvent).count(),
      };
      const { result: res, growth } = await memoryGrowth(() => importXlsx(bytes));
      expect({ status: res.status, code: res.body.code }).toEqual({
        status,
        code: typeof code === 'string' ? code : expect.stringMatching(code),
      });
      expect(growth).toBeLessThan(MEMORY_BOUND);
      expect({
        ratings: await ratings(),
        audit: await t.db.getRepository(AuditEvent).count(),
      }).toEqual(before);
      return { res, growth };
    };

    it('refuses a sheet whose central directory lies about its size, naming the limit', async () => {
      const bomb = workbookArchive([
        { name: 'xl/worksheets/sheet1.xml', content: sheetBomb, declaredSize: 16_000 },
      ]);
      const { res, growth } = await refusedImport(bomb, 413, 'import_inflated_too_large');
      expect(res.body.message).toBe(
        'Isi berkas terlalu besar setelah dibuka: lebih dari 16 MB. Unggah hasil ekspor Mutu yang belum diubah strukturnya.',
      );
      console.info(
        `lying directory: ${(bomb.length / MB).toFixed(2)} MB claiming 16 KB of 300 MB, memory +${(growth / MB).toFixed(1)} MB`,
      );
    });

    it('refuses the same bomb when it declares its true size', async () => {
      await refusedImport(
        workbookArchive([{ name: 'xl/worksheets/sheet1.xml', content: sheetBomb }]),
        413,
        'import_inflated_too_large',
      );
    });

    it('refuses many entries sharing one compressed stream (overlapping files)', async () => {
      const part = await deflatedRepeat(Buffer.alloc(64 * 1024, 0x41), 16); // 1 MB each
      await refusedImport(
        workbookArchive(
          Array.from({ length: 900 }, (_v, i) => ({ name: `xl/media/m${i}.xml`, content: part })),
        ),
        413,
        'import_inflated_too_large',
      );
    });

    it('refuses thousands of tiny entries', async () => {
      await refusedImport(
        workbookArchive(
          Array.from({ length: 5000 }, (_v, i) => ({ name: `xl/x/${i}.xml`, content: '<a/>' })),
        ),
        413,
        'import_too_many_entries',
      );
    });

    it('never unpacks an archive nested in the workbook', async () => {
      const inner = buildZip([{ name: 'sheet.xml', content: sheetBomb, declaredSize: 16_000 }]);
      const nested = buildZip([{ name: 'inner.zip', content: inner, method: 'store' }]);
      // Not a workbook at all, or one without the clause sheet: refused either way, never unpacked.
      await refusedImport(nested, 400, /^import_(not_xlsx|wrong_columns)$/);
      const deeper = buildZip([{ name: 'inner.xlsx', content: nested, method: 'store' }]);
      await refusedImport(deeper, 400, /^import_(not_xlsx|wrong_columns)$/);
    });

    it('refuses a PDF that is also a ZIP, and an executable named .xlsx', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Klausul').addRow(['4.1']);
      const polyglot = Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.from(await wb.xlsx.writeBuffer()),
      ]);
      await refusedImport(polyglot, 400, 'import_not_xlsx');
      await refusedImport(
        Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]),
        400,
        'import_not_xlsx',
      );
      await refusedImport(Buffer.alloc(0), 400, 'import_not_xlsx');
    });
  });

  describe('the evidence upload', () => {
    const evidenceRoot = () => join(t.config.dataDir, 'evidence');
    const files = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
          )
        : [];
    const state = async () => ({
      evidence: await t.db.getRepository(Evidence).count(),
      versions: await t.db.getRepository(EvidenceVersion).count(),
      audit: await t.db.getRepository(AuditEvent).count(),
      files: files(evidenceRoot()).length,
    });
    const send = (bytes: Buffer, filename: string) =>
      request(t.server)
        .post(`/api/units/${unitId}/evidence`)
        .set(bearer(officer))
        .field('title', 'Berkas uji')
        .field('clauses', '7.5.3.1')
        .attach('file', bytes, { filename, contentType: 'application/octet-stream' });
    /** Refused with this status and code; nothing stored, nothing left in tmp/, memory bounded. */
    const refusedUpload = async (bytes: Buffer, filename: string, status: number, code: string) => {
      const before = await state();
      const { result: res, growth } = await memoryGrowth(() => send(bytes, filename));
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body.message).toEqual(expect.any(String));
      expect(growth).toBeLessThan(MEMORY_BOUND);
      expect(await state()).toEqual(before);
      expect(files(join(evidenceRoot(), 'tmp'))).toEqual([]);
      return res;
    };
    /** Stored (never unpacked) under the sniffed type; memory bounded, nothing left in tmp/. */
    const storedUpload = async (bytes: Buffer, filename: string, mediaType: string) => {
      const { result: res, growth } = await memoryGrowth(() => send(bytes, filename));
      expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 201 });
      expect(res.body.versions[0]).toMatchObject({ mediaType, size: bytes.length });
      expect(growth).toBeLessThan(MEMORY_BOUND);
      expect(files(join(evidenceRoot(), 'tmp'))).toEqual([]);
      return res.body.versions[0] as { originalName: string; mediaType: string };
    };

    it('refuses a plain zip bomb (lying directory), one with thousands of entries, a nested one', async () => {
      const lying = buildZip([{ name: 'data.xml', content: sheetBomb, declaredSize: 16_000 }]);
      await refusedUpload(lying, 'laporan.docx', 415, 'file_type_refused');
      const many = buildZip(
        Array.from({ length: 5000 }, (_v, i) => ({ name: `d/${i}.txt`, content: 'x' })),
      );
      await refusedUpload(many, 'arsip.xlsx', 415, 'file_type_refused');
      const nested = buildZip([{ name: 'inner.zip', content: lying, method: 'store' }]);
      await refusedUpload(nested, 'arsip.docx', 415, 'file_type_refused');
    });

    it('refuses an OOXML whose [Content_Types].xml is itself a bomb, without inflating it', async () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', content: sheetBomb, declaredSize: 1000 },
        { name: 'word/document.xml', content: '<w:document/>' },
      ]);
      await refusedUpload(bomb, 'SOP.docx', 415, 'file_type_refused');
    });

    it('stores a DOCX carrying a bomb inside as it is: Mutu never unpacks evidence', async () => {
      const bomb = buildZip([
        {
          name: '[Content_Types].xml',
          content:
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        },
        { name: 'word/media/big.bin', content: sheetBomb, declaredSize: 16_000 },
      ]);
      await storedUpload(
        bomb,
        'SOP.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
    });

    it('stores a PDF that is also a ZIP as a PDF (it is served as an attachment or sandboxed)', async () => {
      const polyglot = Buffer.concat([
        Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n'),
        minimalDocx(),
        Buffer.from('\n%%EOF\n'),
      ]);
      await storedUpload(polyglot, 'dua-muka.pdf', 'application/pdf');
    });

    it('refuses a renamed executable and a 0-byte file', async () => {
      const elf = Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
        Buffer.alloc(4000),
      ]);
      await refusedUpload(elf, 'laporan.pdf', 415, 'file_type_refused');
      const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]);
      await refusedUpload(pe, 'foto.png', 415, 'file_type_refused');
      await refusedUpload(Buffer.alloc(0), 'kosong.pdf', 400, 'validation_failed');
    });

    it('stores a file whose name holds ../, a control and format characters under a clean name, inside the store', async () => {
      const version = await storedUpload(
        Buffer.from('Notulen rapat\n'),
        '../../../etc/pass\u202ewd\u200b\u0085.txt',
        'text/plain',
      );
      expect(version.originalName).toBe('passwd.txt');
      expect(existsSync(join(t.config.dataDir, 'etc'))).toBe(false);
      expect(existsSync(join(t.config.dataDir, '..', 'etc', 'passwd.txt'))).toBe(false);
    });
  });
});
