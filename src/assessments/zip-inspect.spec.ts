import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { inspectZip } from './zip-inspect.js';

/** A minimal ZIP with one deflated entry, declaring `declared` as its inflated size. */
function zipOf(name: string, content: Buffer, declared = content.length): Buffer {
  const data = deflateRawSync(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(fileName.length, 28);
  const directory = Buffer.concat([central, fileName]);
  const offset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([local, fileName, data, directory, end]);
}

describe('inspectZip', () => {
  it('sums what the entries declare without inflating them', () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(1_000_000, 0x41));
    expect(bomb.length).toBeLessThan(5_000);
    expect(inspectZip(bomb)).toEqual({ entries: 1, uncompressedBytes: 1_000_000 });
  });

  it('reads a real workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Klausul').addRow(['4.1', 'Memahami organisasi']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const summary = inspectZip(bytes);
    expect(summary?.entries).toBeGreaterThan(3);
    expect(summary?.uncompressedBytes).toBeGreaterThan(bytes.length);
  });

  it('treats a ZIP64 size as too large', () => {
    expect(inspectZip(zipOf('a', Buffer.from('x'), 0xffffffff))?.uncompressedBytes).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('Nomor klausul;Judul\r\n4.1;Konteks\r\n')],
    ['a PDF', Buffer.from('%PDF-1.7\n'.padEnd(200, ' '))],
    ['a truncated archive', zipOf('a', Buffer.from('hello')).subarray(0, 40)],
  ])('answers null for %s', (_label, bytes) => {
    expect(inspectZip(bytes)).toBeNull();
  });
});
