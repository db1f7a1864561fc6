import Handlebars from 'handlebars';
import { join } from 'node:path';
import { formatDateId } from '../common/dates.js';
import { projectRoot } from '../config/project-root.js';
import { templateFiles } from '../common/template-files.js';
import { KNOWN_HELPERS, registerTemplateHelpers } from '../common/template-helpers.js';
import { translate, type Language } from '../i18n/i18n.js';

export interface MailItem {
  title: string;
  url: string;
  kind: string;
}

export interface MailUnit {
  name: string;
  items: MailItem[];
}

export interface MailContent {
  subject: string;
  html: string;
  text: string;
}

/**
 * E-mails from templates/mail: `<name>.hbs` (HTML, user text escaped, inline styles only, no
 * remote images) and `<name>.txt.hbs` (plain text, not HTML-escaped: it is not HTML).
 */
export class MailTemplates {
  private readonly html = new Map<string, Handlebars.TemplateDelegate>();
  private readonly text = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    const escaped = Handlebars.create();
    const plain = Handlebars.create();
    registerTemplateHelpers(escaped);
    registerTemplateHelpers(plain);
    for (const f of templateFiles(join(projectRoot(), 'templates', 'mail'))) {
      if (f.name.endsWith('.txt'))
        this.text.set(
          f.name.slice(0, -4),
          plain.compile(f.source, { strict: true, knownHelpers: KNOWN_HELPERS, noEscape: true }),
        );
      else
        this.html.set(
          f.name,
          escaped.compile(f.source, { strict: true, knownHelpers: KNOWN_HELPERS }),
        );
    }
  }

  /** The daily digest: every item grouped by unit, links absolute. */
  digest(
    lang: Language,
    to: { name: string },
    day: string,
    units: MailUnit[],
    publicUrl: string,
  ): MailContent {
    const count = units.reduce((n, u) => n + u.items.length, 0);
    const context = {
      name: to.name,
      day,
      count,
      units: units.map((u) => ({
        name: u.name,
        items: u.items.map((i) => ({ ...i, link: `${publicUrl}${i.url}` })),
      })),
      settings: `${publicUrl}/notifications/settings`,
      inbox: `${publicUrl}/notifications`,
    };
    return {
      subject: translate(lang, 'mail.digest_subject', { count, day: formatDateId(day, lang) }),
      html: this.html.get('digest')!(context, { data: { lang } }),
      text: this.text.get('digest')!(context, { data: { lang } }),
    };
  }

  /** One item that cannot wait. */
  immediate(
    lang: Language,
    to: { name: string },
    unit: string,
    item: MailItem,
    publicUrl: string,
  ): MailContent {
    const context = {
      name: to.name,
      unit,
      item: { ...item, link: `${publicUrl}${item.url}` },
      settings: `${publicUrl}/notifications/settings`,
    };
    return {
      subject: `[Mutu] ${item.title}`,
      html: this.html.get('immediate')!(context, { data: { lang } }),
      text: this.text.get('immediate')!(context, { data: { lang } }),
    };
  }
}
