import ExcelJS from 'exceljs';
import { buildZip, deflatedRepeat } from '../../test/support/zip-builder.js';
import { measureZip } from './zip-inflate.js';

const MB = 1024 * 1024;
const limits = { maxEntries: 1000, maxInflatedBytes: 16 * MB };

describe('measureZip', () => {
  it('measures a real workbook by inflating it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Klausul').addRow(['4.1', 'Memahami organisasi']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const verdict = await measureZip(bytes, limits);
    expect(verdict).toMatchObject({ ok: true });
    if (verdict.ok) expect(verdict.inflatedBytes).toBeGreaterThan(bytes.length);
  });

  it('stops inflating at the limit whatever the archive declares', async () => {
    const bomb = await deflatedRepeat(Buffer.alloc(MB, 0x41), 400);
    const zip = buildZip([
      { name: 'xl/worksheets/sheet1.xml', content: bomb, declaredSize: 16_000 },
    ]);
    expect(zip.length).toBeLessThan(MB);
    const before = process.memoryUsage.rss();
    const started = performance.now();
    expect(await measureZip(zip, limits)).toEqual({ ok: false, reason: 'too_large' });
    console.info(
      `400 MB bomb claiming 16 KB: refused in ${(performance.now() - started).toFixed(0)} ms, rss +${((process.memoryUsage.rss() - before) / MB).toFixed(1)} MB`,
    );
    expect(process.memoryUsage.rss() - before).toBeLessThan(64 * MB);
  });

  it('counts every entry, also entries sharing one compressed stream', async () => {
    const part = await deflatedRepeat(Buffer.alloc(MB, 0), 1);
    const many = buildZip(
      Array.from({ length: 40 }, (_v, i) => ({ name: `p${i}`, content: part })),
    );
    expect(await measureZip(many, limits)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses more entries than allowed before inflating any', async () => {
    const zip = buildZip(Array.from({ length: 1001 }, (_v, i) => ({ name: `e${i}`, content: '' })));
    expect(await measureZip(zip, limits)).toEqual({ ok: false, reason: 'too_many_entries' });
  });

  it('takes stored entries at their size, and a stored entry over the limit as too large', async () => {
    expect(
      await measureZip(buildZip([{ name: 'a', content: 'abc', method: 'store' }]), limits),
    ).toEqual({ ok: true, entries: 1, inflatedBytes: 3 });
    const big = buildZip([{ name: 'a', content: Buffer.alloc(2 * MB), method: 'store' }]);
    expect(await measureZip(big, { ...limits, maxInflatedBytes: MB })).toEqual({
      ok: false,
      reason: 'too_large',
    });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('Nomor klausul;Judul\r\n4.1;Konteks\r\n')],
    ['a PDF', Buffer.from('%PDF-1.7\n'.padEnd(200, ' '))],
    ['a truncated archive', buildZip([{ name: 'a', content: 'hello' }]).subarray(0, 40)],
    [
      'an entry declaring less than it holds (small)',
      buildZip([{ name: 'a', content: 'hello world', declaredSize: 5 }]),
    ],
    [
      'an entry declaring more than it holds',
      buildZip([{ name: 'a', content: 'hello', declaredSize: 500 }]),
    ],
    ['a ZIP64 size', buildZip([{ name: 'a', content: 'x', declaredSize: 0xffffffff }])],
  ])('answers not_zip (or too_large) for %s', async (_label, bytes) => {
    const verdict = await measureZip(bytes, limits);
    expect(verdict.ok).toBe(false);
  });
});
