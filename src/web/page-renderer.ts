import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root.js';
import { templateFiles } from '../common/template-files.js';
import { KNOWN_HELPERS, registerTemplateHelpers } from '../common/template-helpers.js';
import type { Language } from '../i18n/i18n.js';

const COMPILE = { strict: true, knownHelpers: KNOWN_HELPERS };

/** What the layout needs besides the page itself. */
export interface PageFrame {
  lang: Language;
  title: string;
  user: { displayName: string; role: string; username: string } | null;
  csrfToken: string | null;
  /** Path of the page, for the language switch links and the active menu entry. */
  path: string;
  flash?: { kind: 'ok' | 'error'; message: string } | null;
  nav?: { href: string; label: string }[];
  /** The notification bell: the signed-in user's unread count. */
  bell?: { unread: number } | null;
}

/**
 * Server-rendered pages from templates/pages: compiled once, strict, user text always escaped
 * (only trusted server-built SVG is passed as SafeString).
 */
@Injectable()
export class PageRenderer {
  private readonly env = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    const dir = join(projectRoot(), 'templates', 'pages');
    registerTemplateHelpers(this.env);
    for (const p of templateFiles(join(dir, 'partials')))
      this.env.registerPartial(p.name, this.env.compile(p.source, COMPILE));
    for (const p of templateFiles(dir)) this.pages.set(p.name, this.env.compile(p.source, COMPILE));
    this.layout = this.env.compile(readFileSync(join(dir, 'layouts', 'main.hbs'), 'utf8'), COMPILE);
  }

  render(page: string, context: object, frame: PageFrame): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`No page template "${page}"`);
    const data = { lang: frame.lang };
    const body = template({ ...context, frame }, { data });
    return this.layout(
      {
        ...frame,
        flash: frame.flash ?? null,
        nav: frame.nav ?? [],
        bell: frame.bell ?? null,
        body: new Handlebars.SafeString(body),
      },
      { data },
    );
  }
}
