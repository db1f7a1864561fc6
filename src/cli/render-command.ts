import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UsageError, type CommandSpec, type ParsedArgs } from '../common/command-line.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';
import { ReportBatch, type BatchProgress, type BatchResult } from '../reports/report-batch.js';

const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A one-line progress bar, redrawn in place on a terminal, one line per report otherwise. */
export function progressLine(p: BatchProgress, width = 24): string {
  const filled = Math.round((p.done / p.total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} ${p.last.file} (${seconds(p.last.ms)})`;
}

export function resultTable(results: BatchResult[]): string {
  const rows = results.map((r) => [r.file, String(r.pages), kb(r.size), seconds(r.ms)]);
  const headers = ['file', 'pages', 'size', 'time'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `mutu render`: the whole organisation into a folder, as its administrator, without HTTP. */
export const renderCommand = {
  spec: {
    name: 'render',
    summary:
      "render every unit's gap report (its current assessment, as a draft) and the management summary of an organisation into a folder",
    usage: ['render --organisation CODE --out FOLDER [--lang en]'],
    options: {
      organisation: {
        type: 'string',
        value: 'CODE',
        description: 'the organisation, e.g. kota-kupang',
      },
      out: {
        type: 'string',
        value: 'FOLDER',
        description: 'where the PDFs go (created if missing)',
      },
      lang: { type: 'string', value: 'id|en', description: 'language of the reports (default id)' },
    },
  } satisfies CommandSpec,
  /** `open` starts the application without HTTP (src/cli.ts, the entry point, builds it). */
  async run({ values }: ParsedArgs, open: () => Promise<INestApplicationContext>): Promise<number> {
    const code = values.organisation as string | undefined;
    const out = values.out as string | undefined;
    const lang = (values.lang ?? 'id') as Language;
    if (!code) throw new UsageError('--organisation is required');
    if (!out) throw new UsageError('--out is required');
    if (!LANGUAGES.includes(lang))
      throw new UsageError(`--lang must be ${LANGUAGES.join(' or ')}, not ${lang}`);
    const app = await open();
    try {
      if (await app.get<DataSource>(getDataSourceToken()).showMigrations()) {
        console.error('mutu render: migrations are pending: run `npm run mutu -- migrate` first.');
        return 1;
      }
      const batch = app.get(ReportBatch);
      const me = await batch.systemPrincipal(code);
      const tty = process.stderr.isTTY;
      const started = performance.now();
      const report = await batch.render(me, me.organisationId!, out, lang, (p) => {
        const text = progressLine(p);
        process.stderr.write(
          tty ? `\r${text}\x1b[K${p.done === p.total ? '\n' : ''}` : `${text}\n`,
        );
      });
      console.log(resultTable(report.results));
      for (const s of report.skipped)
        console.log(`skipped ${s.unit} (${s.name}): no assessment yet`);
      const pages = report.results.reduce((n, r) => n + r.pages, 0);
      console.log(
        `${report.results.length} PDF(s), ${pages} pages in ${seconds(performance.now() - started)} → ${report.outDir}`,
      );
      return 0;
    } finally {
      await app.close();
    }
  },
};
