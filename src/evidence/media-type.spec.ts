import { sniffMediaType } from './media-type.js';

const bytes = (...b: number[]): Buffer => Buffer.from(b);

describe('sniffMediaType', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    [
      'WebP',
      Buffer.concat([Buffer.from('RIFF'), bytes(0, 0, 0, 0), Buffer.from('WEBPVP8 ')]),
      'image/webp',
    ],
    [
      'DOCX',
      Buffer.concat([
        bytes(0x50, 0x4b, 0x03, 0x04),
        Buffer.from('....[Content_Types].xml....word/document.xml'),
      ]),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'XLSX',
      Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.from('....xl/workbook.xml')]),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'ODT',
      Buffer.concat([
        bytes(0x50, 0x4b, 0x03, 0x04),
        Buffer.from('........mimetypeapplication/vnd.oasis.opendocument.text'),
      ]),
      'application/vnd.oasis.opendocument.text',
    ],
    ['CSV', Buffer.from('no;unsur;nilai\n1;Persyaratan;3,4\n2;Prosedur;3,2\n'), 'text/csv'],
    [
      'plain text',
      Buffer.from('Notulen rapat tinjauan manajemen\nHadir: 12 orang\n'),
      'text/plain',
    ],
  ])('recognises %s from its bytes', (_name, head, type) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it.each([
    [
      'a Windows executable renamed .pdf',
      Buffer.concat([Buffer.from('MZ'), bytes(0x90, 0, 3, 0, 0, 0, 4, 0)]),
    ],
    [
      'a plain ZIP archive',
      Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.from('....evil.exe')]),
    ],
    ['binary noise', bytes(0, 1, 2, 3, 254, 255)],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s', (_name, head) => {
    expect(sniffMediaType(head)).toBeNull();
  });
});
