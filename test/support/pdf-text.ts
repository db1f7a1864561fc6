import { PDFParse } from 'pdf-parse';

export interface PdfFacts {
  text: string;
  /** The text with every run of white space made one space (lines wrap anywhere). */
  flat: string;
  pages: number;
  title: unknown;
  author: unknown;
  outline: string[];
}

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
