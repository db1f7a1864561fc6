/**
 * Chromium writes the document's <title> into the PDF's Info dictionary but ignores
 * <meta name="author"> and names itself (its user agent) as the creator. This appends one
 * incremental update (PDF 32000-1, 7.5.6) that replaces the Info dictionary: the bytes Chromium
 * wrote stay untouched in front of it, and every reader takes the latest revision.
 */

export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
  creator?: string;
}

/** A PDF text string: UTF-16BE with a byte order mark, as hex, so any character and no escaping. */
export function pdfTextString(text: string): string {
  const bytes = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes.push(unit >> 8, unit & 0xff);
  }
  return `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;
}

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  for (const match of text.matchAll(pattern)) found = match;
  return found;
}

/** Returns the PDF with an Info dictionary holding these fields (Chromium's dates and producer kept). */
export function setPdfInfo(pdf: Buffer, info: PdfInfo): Buffer {
  const text = pdf.toString('latin1');
  const startxref = lastMatch(text, /startxref\s+(\d+)\s+%%EOF\s*$/g);
  const trailer = lastMatch(text, /trailer\s*<<([\s\S]*?)>>\s*startxref/g);
  if (!startxref || !trailer)
    throw new Error('Not a PDF with a classic cross-reference table and trailer');
  const dict = trailer[1];
  const size = /\/Size\s+(\d+)/.exec(dict);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dict);
  const infoRef = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(dict);
  if (!size || !root) throw new Error('PDF trailer without /Size or /Root');

  // Keep what Chromium recorded about the file itself: its producer and dates.
  const kept: string[] = [];
  if (infoRef) {
    const object = new RegExp(
      `(?:^|[\\r\\n])${infoRef[1]}\\s+${infoRef[2]}\\s+obj([\\s\\S]*?)endobj`,
    );
    const body = object.exec(text)?.[1] ?? '';
    for (const key of ['Producer', 'CreationDate', 'ModDate']) {
      const value = new RegExp(`/${key}\\s*(\\((?:\\\\.|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)`).exec(
        body,
      );
      if (value) kept.push(`/${key} ${value[1]}`);
    }
  }
  const objectNumber = infoRef ? Number(infoRef[1]) : Number(size[1]);
  const generation = infoRef ? Number(infoRef[2]) : 0;
  const fields = [
    `/Title ${pdfTextString(info.title)}`,
    `/Author ${pdfTextString(info.author)}`,
    ...(info.subject ? [`/Subject ${pdfTextString(info.subject)}`] : []),
    `/Creator ${pdfTextString(info.creator ?? 'Mutu')}`,
    ...kept,
  ];
  const separator = text.endsWith('\n') ? '' : '\n';
  const objectOffset = pdf.length + separator.length;
  const object = `${objectNumber} ${generation} obj\n<<${fields.join('\n')}>>\nendobj\n`;
  const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
  const newSize = Math.max(Number(size[1]), objectNumber + 1);
  const update =
    separator +
    object +
    `xref\n${objectNumber} 1\n${String(objectOffset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n \n` +
    `trailer\n<</Size ${newSize}\n/Root ${root[1]}\n/Info ${objectNumber} ${generation} R\n/Prev ${startxref[1]}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
