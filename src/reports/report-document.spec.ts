import { PDFParse } from 'pdf-parse';
import { reportNumber } from './issued/issued-reports.service.js';
import { pdfTextString, setPdfInfo } from '../rendering/pdf-metadata.js';
import { reportFileName } from './report-document.js';

/** A one-page PDF with a classic cross-reference table, the way Chromium writes them. */
function minimalPdf(): Buffer {
  const objects = [
    "<</Producer (Skia/PDF m156) /Creator (Mozilla/5.0 \\(X11\\)) /CreationDate (D:20261123063000+00'00') /Title (old)>>",
    '<</Type /Catalog /Pages 3 0 R>>',
    '<</Type /Pages /Kids [4 0 R] /Count 1>>',
    '<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('PDF metadata', () => {
  it('writes text strings as UTF-16BE hex with a byte order mark', () => {
    expect(pdfTextString('Ab')).toBe('<FEFF00410062>');
    expect(pdfTextString('—')).toBe('<FEFF2014>');
  });

  it('appends an update with title, author and creator, keeping the original bytes and dates', async () => {
    const original = minimalPdf();
    const updated = setPdfInfo(original, {
      title: 'Laporan Penilaian Kesenjangan — Dukcapil',
      author: 'Ir. Rina Kusumawardani, M.T. (asesor)',
      subject: 'Gap',
    });
    expect(updated.subarray(0, original.length).equals(original)).toBe(true);
    const tail = updated.subarray(original.length).toString('latin1');
    expect(tail).toMatch(/^1 0 obj\n<<\/Title <FEFF/);
    expect(tail).toContain(`/Prev ${/startxref\n(\d+)/.exec(original.toString('latin1'))![1]}`);
    expect(tail).toContain("/CreationDate (D:20261123063000+00'00')");
    expect(tail).toMatch(/%%EOF\n$/);

    const parser = new PDFParse({ data: new Uint8Array(updated) });
    try {
      const { info, total } = await parser.getInfo();
      expect(total).toBe(1);
      expect(info).toMatchObject({
        Title: 'Laporan Penilaian Kesenjangan — Dukcapil',
        Author: 'Ir. Rina Kusumawardani, M.T. (asesor)',
        Subject: 'Gap',
        Creator: 'Mutu',
        Producer: 'Skia/PDF m156',
      });
    } finally {
      await parser.destroy();
    }
  });

  it('refuses what it cannot update rather than writing a broken file', () => {
    expect(() => setPdfInfo(Buffer.from('not a pdf'), { title: 't', author: 'a' })).toThrow(
      /classic cross-reference/,
    );
  });
});

describe('report numbers and file names', () => {
  it('numbers reports MUTU/<prefix>/<year>/<4 digits>', () => {
    expect(reportNumber('KPG', 2026, 1)).toBe('MUTU/KPG/2026/0001');
    expect(reportNumber('KPG', 2027, 12345)).toBe('MUTU/KPG/2027/12345');
  });

  it('turns a report number into a file name without path separators', () => {
    expect(reportFileName('MUTU/KPG/2026/0001')).toBe('MUTU-KPG-2026-0001.pdf');
  });
});
