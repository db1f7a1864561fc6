import type { Server } from 'node:http';
import { PDFParse } from 'pdf-parse';
import request from 'supertest';

export interface PdfFacts {
  text: string;
  /** The text with every run of white space made one space (lines wrap anywhere). */
  flat: string;
  pages: number;
  title: unknown;
  author: unknown;
  outline: string[];
}

/** supertest's body parser for bytes: the response body as one Buffer (`.buffer(true).parse(binaryBody)`). */
export const binaryBody = (
  res: request.Response,
  done: (err: Error | null, body: Buffer) => void,
): void => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

/** A PDF parsed back to its text, page count, metadata and outline. */
export async function readPdf(pdf: Buffer): Promise<PdfFacts> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text, total } = await parser.getText();
    const info = await parser.getInfo();
    const meta = info.info as { Title?: unknown; Author?: unknown } | undefined;
    return {
      text,
      flat: text.replace(/\s+/g, ' '),
      pages: total,
      title: meta?.Title,
      author: meta?.Author,
      outline: (info.outline ?? []).map((node) => node.title),
    };
  } finally {
    await parser.destroy();
  }
}

/** An evidence version's file, downloaded with the caller's headers, checked to be a PDF and parsed back. */
export async function evidencePdf(
  server: Server,
  headers: Record<string, string>,
  evidenceId: string,
  version: number,
): Promise<PdfFacts> {
  const file = await request(server)
    .get(`/api/evidence/${evidenceId}/versions/${version}/file`)
    .set(headers)
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
  if (!String(file.headers['content-type']).startsWith('application/pdf'))
    throw new Error(`not a PDF: ${String(file.headers['content-type'])}`);
  return readPdf(file.body as Buffer);
}
