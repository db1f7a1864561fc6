import ExcelJS from 'exceljs';
import { buildZip, minimalDocx } from '../../test/support/zip-builder.js';
import { sniffMediaType } from './media-type.js';

const bytes = (...b: number[]): Buffer => Buffer.from(b);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('sniffMediaType', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    [
      'PNG',
      Buffer.concat([
        bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d),
        Buffer.from('IHDR'),
        bytes(0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0, 0),
        Buffer.from('IEND'),
      ]),
      'image/png',
    ],
    [
      'WebP',
      Buffer.concat([Buffer.from('RIFF'), bytes(0, 0, 0, 0), Buffer.from('WEBPVP8 ')]),
      'image/webp',
    ],
    ['DOCX', minimalDocx(), DOCX],
    ['a DOCX whose word/ entry starts after 4 KiB', minimalDocx(6000), DOCX],
    [
      'ODT',
      buildZip([
        { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text', method: 'store' },
        { name: 'content.xml', content: '<office:document-content/>' },
      ]),
      'application/vnd.oasis.opendocument.text',
    ],
    [
      'ODS',
      buildZip([
        {
          name: 'mimetype',
          content: 'application/vnd.oasis.opendocument.spreadsheet',
          method: 'store',
        },
        { name: 'content.xml', content: '<office:document-content/>' },
      ]),
      'application/vnd.oasis.opendocument.spreadsheet',
    ],
    [
      'a PDF that is also a ZIP (polyglot)',
      Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        buildZip([{ name: 'word/document.xml', content: '<w/>' }]),
      ]),
      'application/pdf',
    ],
    ['CSV', Buffer.from('no;unsur;nilai\n1;Persyaratan;3,4\n2;Prosedur;3,2\n'), 'text/csv'],
    [
      'XML (text, not a binary format)',
      Buffer.from('<?xml version="1.0"?><rekap/>\n'),
      'text/plain',
    ],
    [
      'plain text',
      Buffer.from('Notulen rapat tinjauan manajemen\nHadir: 12 orang\n'),
      'text/plain',
    ],
  ])('recognises %s from its bytes', async (_name, head, type) => {
    expect(await sniffMediaType(head.subarray(0, 4096))).toBe(type);
  });

  it('recognises a workbook written by a spreadsheet program', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Klausul').addRow(['4.1', 'Memahami organisasi']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await sniffMediaType(bytes.subarray(0, 4096))).toBe(XLSX);
  });

  it.each([
    [
      'a Windows executable renamed .pdf',
      Buffer.concat([Buffer.from('MZ'), bytes(0x90, 0, 3, 0, 0, 0, 4, 0)]),
    ],
    ['a plain ZIP archive', buildZip([{ name: 'evil.exe', content: 'MZ' }])],
    [
      'a plain ZIP holding a folder password/',
      buildZip([{ name: 'password/list.txt', content: 'rahasia' }]),
    ],
    ['a plain ZIP holding a folder pixl/', buildZip([{ name: 'pixl/a.txt', content: 'x' }])],
    [
      'a plain ZIP naming word/ and xl/ in a comment-like entry',
      buildZip([{ name: 'notes.txt', content: 'word/ xl/ [Content_Types].xml' }]),
    ],
    [
      'an ELF executable renamed .docx',
      Buffer.concat([bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0), Buffer.alloc(56)]),
    ],
    ['binary noise', bytes(0, 1, 2, 3, 254, 255)],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s', async (_name, head) => {
    expect(await sniffMediaType(head)).toBeNull();
  });
});
