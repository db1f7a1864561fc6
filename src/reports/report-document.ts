import type { DataSource } from 'typeorm';
import { translate, type Language } from '../i18n/i18n.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';
import type { RenderResult } from '../rendering/pdf-renderer.js';
import { setPdfInfo } from '../rendering/pdf-metadata.js';
import type { PageChrome, ReportTemplates } from './report-templates.js';

/** One report ready for Chromium: the HTML document, its page header and footer, its metadata. */
export interface ReportDocument {
  html: string;
  headerHtml: string;
  footerHtml: string;
  /** Also the document's <title>; both end up in the PDF's Info dictionary. */
  title: string;
  author: string;
  subject: string;
}

/** The document's metadata: <title> and <meta name="author">, then the PDF's Info dictionary. */
export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
}

/**
 * Renders one report template with the page chrome of every Mutu PDF. The context says itself
 * whether it is a draft (`draft`: the watermark of a gap report not yet issued).
 */
export function composeDocument(
  templates: ReportTemplates,
  template: string,
  context: object,
  chrome: PageChrome,
  meta: DocumentMeta,
  lang: Language,
): ReportDocument {
  return {
    html: templates.render(template, { ...context, title: meta.title, author: meta.author }, lang),
    headerHtml: templates.pageHeader(chrome, lang),
    footerHtml: templates.pageFooter(chrome, lang),
    ...meta,
  };
}

/** The PDF of a document: rendered by the shared browser, then given its title and author. */
export async function renderDocument(
  renderer: Pick<PdfRendererProvider, 'render'>,
  doc: ReportDocument,
): Promise<RenderResult> {
  // The document carries its <title>; the Info dictionary is written below either way.
  const result = await renderer.render(doc.html, {
    headerHtml: doc.headerHtml,
    footerHtml: doc.footerHtml,
  });
  const pdf = setPdfInfo(result.pdf, {
    title: doc.title,
    author: doc.author,
    subject: doc.subject,
  });
  return { ...result, pdf };
}

/** A translator bound to one language, for building template contexts in code. */
export const textIn =
  (lang: Language) =>
  (key: string, params: Record<string, unknown> = {}): string =>
    translate(lang, key, params);

/** A file name made from a report number: MUTU/KPG/2026/0001 → MUTU-KPG-2026-0001.pdf. */
export const reportFileName = (number: string, extension = 'pdf'): string =>
  `${number.replace(/[^A-Za-z0-9._-]+/g, '-')}.${extension}`;

export interface ReportOrganisation {
  id: string;
  code: string;
  name: string;
  reportPrefix: string;
}

/**
 * The organisation a unit belongs to. Read directly: the caller's access was settled by the unit,
 * and an assessor from outside the local government (BSN) may see its units but not list it.
 */
export async function reportOrganisation(
  db: DataSource,
  organisationId: string,
): Promise<ReportOrganisation> {
  const o = await db.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  return { id: o.id, code: o.code, name: o.name, reportPrefix: o.reportPrefix };
}
