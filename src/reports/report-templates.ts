import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../config/project-root.js';
import { templateFiles } from '../common/template-files.js';
import { KNOWN_HELPERS, registerTemplateHelpers } from '../common/template-helpers.js';
import type { Language } from '../i18n/i18n.js';
import { fontFaceCss, latinFontFaceCss } from '../rendering/report-fonts.js';

/**
 * preventIndent: a partial called alone on an indented line would otherwise have its whole output
 * split into lines, indented and joined again (3 ms of the 13 of a 40-page gap report); the
 * indentation never shows in a PDF, as no report style keeps white space.
 */
const COMPILE_OPTIONS = { strict: true, knownHelpers: KNOWN_HELPERS, preventIndent: true };

/** What the page header and footer of every PDF show. */
export interface PageChrome {
  /** Who the report is about: the unit, or the organisation for a city-wide report. */
  subject: string;
  /** Null while the report is a draft. */
  reportNumber: string | null;
  generatedAt: Date;
  /** When the data was read (the assessment's cut-off), if different from generatedAt. */
  dataAsOf: Date | null;
}

/** Data every template can read as @lang, @css, …; helpers read the language from it. */
interface TemplateData {
  lang: Language;
  fontCss: Handlebars.SafeString;
  css: Handlebars.SafeString;
  chromeCss: Handlebars.SafeString;
}

/**
 * Marks a chart built by charts.ts (every text in it already escaped) as safe to put in a template.
 * Never for anything that carries user text without escaping it first.
 */
export function trustedSvg(svg: string): Handlebars.SafeString {
  return new Handlebars.SafeString(svg);
}

/**
 * The report templates of templates/reports, compiled once in strict mode (a missing field throws
 * instead of printing nothing) in a Handlebars environment of their own, with the shared named
 * helpers (t, formatDate, formatDateTime, percent, eq, concat) translating from templates/locales.
 */
export class ReportTemplates {
  private readonly env = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly partials = new Map<string, Handlebars.TemplateDelegate>();
  private readonly css: string;
  /**
   * A digest of every template, partial and the stylesheet as compiled: part of the key of a draft
   * served again (report-cache.ts), so that a changed template never serves an old rendering.
   */
  readonly version: string;

  constructor(readonly dir: string = join(projectRoot(), 'templates', 'reports')) {
    registerTemplateHelpers(this.env);
    const digest = createHash('sha256');
    for (const { name, source } of templateFiles(join(dir, 'partials'))) {
      digest.update(`partial ${name}\0${source}\0`);
      const partial = this.env.compile(source, COMPILE_OPTIONS);
      this.partials.set(name, partial);
      this.env.registerPartial(name, partial);
    }
    for (const { name, source } of templateFiles(dir)) {
      digest.update(`template ${name}\0${source}\0`);
      this.templates.set(name, this.env.compile(source, COMPILE_OPTIONS));
    }
    this.css = readFileSync(join(dir, 'report.css'), 'utf8');
    this.version = digest.update(this.css).digest('hex').slice(0, 16);
  }

  get names(): string[] {
    return [...this.templates.keys()];
  }

  /** A complete HTML document (fonts and stylesheet inline) for one report. */
  render(name: string, context: object, lang: Language): string {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No report template "${name}" in ${this.dir}`);
    return template(context, { data: this.data(lang) });
  }

  /** Chromium's headerTemplate for page.pdf(): subject and report number. */
  pageHeader(chrome: PageChrome, lang: Language): string {
    return this.partial('page-header')(chrome, { data: this.data(lang) });
  }

  /** Chromium's footerTemplate: generation and data times (WITA), "Halaman X dari Y". */
  pageFooter(chrome: PageChrome, lang: Language): string {
    return this.partial('page-footer')(chrome, { data: this.data(lang) });
  }

  private partial(name: string): Handlebars.TemplateDelegate {
    const partial = this.partials.get(name);
    if (!partial) throw new Error(`No partial "${name}" in ${this.dir}/partials`);
    return partial;
  }

  private data(lang: Language): TemplateData {
    return {
      lang,
      fontCss: new Handlebars.SafeString(fontFaceCss()),
      css: new Handlebars.SafeString(this.css),
      chromeCss: new Handlebars.SafeString(latinFontFaceCss()),
    };
  }
}

let shared: ReportTemplates | undefined;

/** The templates of this checkout, compiled on first use. */
export function reportTemplates(): ReportTemplates {
  shared ??= new ReportTemplates();
  return shared;
}
