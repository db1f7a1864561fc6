import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fontFaceCss } from '../rendering/report-fonts.js';
import {
  ReportTemplates,
  reportTemplates,
  trustedSvg,
  type PageChrome,
} from './report-templates.js';
import { gapReportFixture } from './gap-report.fixture.js';
import { gapReportDocument, type ReportStamp } from './gap-report.js';
import { projectRoot } from '../config/project-root.js';

const HOSTILE = '<script>document.write("EXECUTED")</script> & "Dinas"';
const templates = reportTemplates();
const chrome: PageChrome = {
  subject: HOSTILE,
  reportNumber: null,
  generatedAt: new Date('2026-11-23T06:30:00Z'),
  dataAsOf: new Date('2026-11-20T09:00:00Z'),
};

const DRAFT: ReportStamp = {
  reportNumber: null,
  generatedAt: new Date('2026-11-23T06:30:00Z'),
  issuedBy: null,
};
const gap = (text?: string, stamp: ReportStamp = DRAFT, lang: 'id' | 'en' = 'id') =>
  gapReportDocument(templates, gapReportFixture({ text }), stamp, lang);

describe('report templates', () => {
  it('compiles every template of templates/reports once, at construction', () => {
    expect(templates.names.sort()).toEqual([
      'complaint-summary',
      'document-register',
      'evidence-register',
      'gap-report',
      'readiness-summary',
      'review-minutes',
      'survey-report',
    ]);
    expect(reportTemplates()).toBe(templates);
  });

  it('uses only message keys that exist in both catalogues', () => {
    const catalogue = (lang: string) =>
      JSON.parse(
        readFileSync(join(projectRoot(), 'templates', 'locales', `${lang}.json`), 'utf8'),
      ) as Record<string, string>;
    const [id, en] = [catalogue('id'), catalogue('en')];
    const sources = [
      ...readdirSync(templates.dir)
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => join(templates.dir, f)),
      ...readdirSync(join(templates.dir, 'partials')).map((f) =>
        join(templates.dir, 'partials', f),
      ),
      ...readdirSync(join(projectRoot(), 'src', 'reports'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .map((f) => join(projectRoot(), 'src', 'reports', f)),
    ];
    // Strings that look like keys and are not messages: the stylesheet and the audit action.
    const notMessages = new Set(['report.css', 'report.issue']);
    const keys = new Set<string>();
    for (const file of sources)
      for (const m of readFileSync(file, 'utf8').matchAll(/["'](report\.[a-z_.]+[a-z_])["']/g))
        keys.add(m[1]);
    expect(keys.size).toBeGreaterThan(80);
    expect([...keys].filter((k) => !notMessages.has(k) && (!(k in id) || !(k in en)))).toEqual([]);
    // Every dynamic key family is complete too.
    for (const family of ['rating', 'grade', 'type', 'state', 'finding_state', 'evidence.status'])
      expect(
        Object.keys(id).filter((k) => k.startsWith(`report.${family}.`)).length,
      ).toBeGreaterThan(2);
  });

  it('never uses triple-stash: trusted markup comes in as SafeString from code', () => {
    const dir = templates.dir;
    const files = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => join(dir, f)),
      ...readdirSync(join(dir, 'partials')).map((f) => join(dir, 'partials', f)),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files)
      expect({ file, triple: readFileSync(file, 'utf8').includes('{{{') }).toEqual({
        file,
        triple: false,
      });
  });

  it('escapes user text in the document', () => {
    const { html, title } = gap(HOSTILE);
    expect(html).not.toContain('<script');
    expect(html).toContain(
      '&lt;script&gt;document.write(&quot;EXECUTED&quot;)&lt;/script&gt; &amp; &quot;Dinas&quot;',
    );
    expect(title).not.toContain('<script'); // user text is not in the title: unit and report kind
  });

  it('builds a self-contained document: fonts and CSS inline, charts as SVG, a CSP that allows no fetch', () => {
    const { html } = gap(undefined, DRAFT, 'en');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html.match(/src:url\(data:font\/woff2;base64,/g)).toHaveLength(4);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<meta name="author" content="Ir. Rina Kusumawardani, M.T.">');
    expect(html).toContain('.cover {');
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/(src|href)="(https?:|file:|\/\/)/);
    expect(html).not.toMatch(/url\((?!data:|#)/); // data: fonts and in-document SVG patterns only
  });

  it('marks drafts with a watermark and an issued report with its number and issuer', () => {
    const draft = gap();
    expect(draft.html).toContain('class="draft-watermark"');
    expect(draft.headerHtml).toContain('DRAF');
    const issued = gap(
      undefined,
      {
        reportNumber: 'MUTU/KPG/2026/0014',
        generatedAt: new Date('2026-11-23T06:30:00Z'),
        issuedBy: { id: 'assessor-1', displayName: 'Ir. Rina Kusumawardani, M.T.' },
      },
      'en',
    );
    expect(issued.html).not.toContain('class="draft-watermark"');
    expect(issued.headerHtml).toContain('MUTU/KPG/2026/0014');
    expect(issued.html).toContain('Issued by');
    expect(issued.title).toContain('(MUTU/KPG/2026/0014)');
  });

  it('explains empty states in words', () => {
    const data = gapReportFixture({ unrated: true, evidenceItems: 0 });
    const html = gapReportDocument(
      templates,
      { ...data, findings: [], readiness: null },
      DRAFT,
      'id',
    ).html;
    expect(html).toContain('Belum ada klausul yang dinilai pada penilaian ini');
    expect(html).toContain('Tidak ada temuan yang dicatat pada penilaian ini.');
    expect(html).toContain('Unit kerja ini belum mengajukan bukti.');
    expect(html).toContain('Penilaian ini bukan siklus terkini unit kerja.');
  });

  it('throws on a missing field instead of printing nothing (strict mode)', () => {
    expect(() =>
      templates.render('gap-report', { title: 'x', author: 'y', draft: false }, 'id'),
    ).toThrow(/not defined/);
    expect(() => templates.render('no-such-report', {}, 'id')).toThrow(/No report template/);
  });

  describe('page header and footer for page.pdf()', () => {
    it('set their own font size and font, and escape the subject', () => {
      const header = templates.pageHeader(chrome, 'id');
      expect(header).toMatch(/font-size: 7\.5pt/);
      expect(header).toContain("font-family: 'Noto Sans'");
      expect(header).toContain('data:font/woff2;base64,');
      expect(header).not.toContain('<script');
      expect(header).toContain('&lt;script&gt;');
    });

    it('number pages in the language of the report, with WITA times', () => {
      const id = templates.pageFooter(chrome, 'id');
      expect(id).toContain(
        'Halaman <span class="pageNumber"></span> dari <span class="totalPages"></span>',
      );
      expect(id).toContain('Dibuat 23 November 2026 14.30 WITA');
      expect(id).toContain('Data per 20 November 2026 17.00 WITA');
      const en = templates.pageFooter({ ...chrome, dataAsOf: null }, 'en');
      expect(en).toContain(
        'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
      );
      expect(en).toContain('Generated 23 November 2026 14:30 WITA');
      expect(en).not.toContain('Data as of');
    });
  });
});

describe('report template helpers', () => {
  let dir: string;
  let helpers: ReportTemplates;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mutu-templates-'));
    mkdirSync(join(dir, 'partials'));
    writeFileSync(join(dir, 'report.css'), '');
    writeFileSync(
      join(dir, 'helpers.hbs'),
      '{{t "report.page"}}|{{t "report.generated_at" time=when}}|{{t "error.unauthorized"}}|' +
        '{{formatDate day}}|{{formatDate at}}|{{formatDateTime at}}|{{percent share}}|{{percent share digits=0}}|' +
        '{{#if (eq grade "major")}}MAJOR{{else}}other{{/if}}|{{name}}|{{chart}}',
    );
    helpers = new ReportTemplates(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const context = {
    when: '<b>kemarin</b>',
    day: '2026-11-23',
    at: new Date('2026-11-22T23:30:00Z'),
    share: 0.838,
    grade: 'major',
    name: '<img src=x>',
    chart: trustedSvg('<svg><text>&#60;ok&#62;</text></svg>'),
  };

  it('format in Indonesian', () => {
    expect(helpers.render('helpers', context, 'id')).toBe(
      'Halaman|Dibuat &lt;b&gt;kemarin&lt;/b&gt;|Silakan masuk terlebih dahulu.|' +
        '23 November 2026|23 November 2026|23 November 2026 07.30 WITA|83,8%|84%|MAJOR|&lt;img src&#x3D;x&gt;|' +
        '<svg><text>&#60;ok&#62;</text></svg>',
    );
  });

  it('format in English', () => {
    const out = helpers.render('helpers', { ...context, grade: 'minor' }, 'en').split('|');
    expect(out.slice(0, 9)).toEqual([
      'Page',
      'Generated &lt;b&gt;kemarin&lt;/b&gt;',
      'Please sign in first.',
      '23 November 2026',
      '23 November 2026',
      '23 November 2026 07:30 WITA',
      '83.8%',
      '84%',
      'other',
    ]);
  });

  it('embeds Noto Sans 400 and 700, latin and latin-ext, read once', () => {
    const css = fontFaceCss();
    expect(css).toBe(fontFaceCss());
    expect(css.match(/font-weight:400/g)).toHaveLength(2);
    expect(css.match(/font-weight:700/g)).toHaveLength(2);
    expect(css).toContain('unicode-range:U+0000-00FF');
    expect(css).toContain('unicode-range:U+0100-02BA');
  });
});
