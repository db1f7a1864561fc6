import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { STORED_FILES_SQL } from '../evidence/evidence-verify.js';
import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';
import type { Exchange } from './http-observer.js';

/** Sign-in routes: a 401 there is a wrong user name or password, a 429 a locked account or address. */
const SIGN_IN_ROUTES = new Set(['POST /api/auth/login', 'POST /login']);

/**
 * The Prometheus metrics of this process (MUTU_METRICS=true), in a registry of its own. Counters
 * and histograms count what this instance served; the evidence gauges read the shared database,
 * so every instance reports the same value (aggregate them with max, not sum).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http?: Histogram<'method' | 'route' | 'status'>;
  private readonly signInFailures?: Counter<'reason'>;

  constructor(
    @Inject(MUTU_CONFIG) config: MutuConfig,
    pdf: PdfRendererProvider,
    @InjectDataSource() db: DataSource,
  ) {
    if (!config.metrics) return;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'mutu_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status (aborted: cut off before the end)',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.signInFailures = new Counter({
      name: 'mutu_sign_in_failures_total',
      help: 'Refused sign-ins: invalid_credentials (401) or locked (429, too many attempts)',
      labelNames: ['reason'],
      registers,
    });
    const renders = new Counter({
      name: 'mutu_pdf_renders_total',
      help: 'PDF renders by outcome (ok, failed: timeout, browser unavailable, shutdown, …)',
      labelNames: ['outcome'],
      registers,
    });
    const renderTime = new Histogram({
      name: 'mutu_pdf_render_duration_seconds',
      help: 'Time of one PDF render, waiting in line included',
      buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
      registers,
    });
    pdf.renderObservers.push((outcome, ms) => {
      renders.inc({ outcome });
      if (outcome === 'ok') renderTime.observe(ms / 1000);
    });
    new Gauge({
      name: 'mutu_pdf_queue_depth',
      help: 'PDF renders waiting for their turn',
      registers,
      collect() {
        this.set(pdf.stats().queued);
      },
    });
    new Gauge({
      name: 'mutu_pdf_renders_in_flight',
      help: 'PDF renders running now',
      registers,
      collect() {
        this.set(pdf.stats().inFlight);
      },
    });
    new Gauge({
      name: 'mutu_pdf_browser_running',
      help: '1 while the PDF browser is running (it is launched on the first render)',
      registers,
      collect() {
        this.set(pdf.stats().browserPid === undefined ? 0 : 1);
      },
    });
    // One query answers both evidence gauges; a scrape collects them one after the other.
    let pending: Promise<{ files: number; bytes: number }> | null = null;
    const evidence = (): Promise<{ files: number; bytes: number }> =>
      (pending ??= storedEvidence(db).finally(() => setImmediate(() => (pending = null))));
    new Gauge({
      name: 'mutu_evidence_stored_bytes',
      help: 'Bytes of evidence content stored (each distinct file once: the store deduplicates)',
      registers,
      async collect() {
        this.set((await evidence()).bytes);
      },
    });
    new Gauge({
      name: 'mutu_evidence_stored_files',
      help: 'Distinct evidence files stored',
      registers,
      async collect() {
        this.set((await evidence()).files);
      },
    });
    new Gauge({
      name: 'mutu_notification_emails',
      help: 'Notification e-mails in the outbox by status (pending, sent, failed, skipped); pending_with_error: being retried',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows = await db.query<
          { status: string; errored: string | number; n: string | number }[]
        >(
          'SELECT status, CASE WHEN last_error IS NULL THEN 0 ELSE 1 END AS errored, COUNT(*) AS n ' +
            'FROM notification_delivery GROUP BY status, CASE WHEN last_error IS NULL THEN 0 ELSE 1 END',
        );
        this.reset();
        for (const status of ['pending', 'sent', 'failed', 'skipped', 'pending_with_error'])
          this.set({ status }, 0);
        for (const r of rows) {
          const n = Number(r.n);
          this.inc({ status: r.status }, n);
          if (r.status === 'pending' && Number(r.errored) === 1)
            this.inc({ status: 'pending_with_error' }, n);
        }
      },
    });
  }

  get enabled(): boolean {
    return this.http !== undefined;
  }

  observeHttp(exchange: Exchange): void {
    if (!this.http) return;
    const status = exchange.aborted ? 'aborted' : String(exchange.status);
    this.http.observe(
      { method: exchange.method, route: exchange.route, status },
      exchange.durationMs / 1000,
    );
    if (!exchange.aborted && SIGN_IN_ROUTES.has(`${exchange.method} ${exchange.route}`)) {
      if (exchange.status === 401) this.signInFailures?.inc({ reason: 'invalid_credentials' });
      if (exchange.status === 429) this.signInFailures?.inc({ reason: 'locked' });
    }
  }
}

/** Distinct files in the evidence store (evidence versions and document revisions). */
async function storedEvidence(db: DataSource): Promise<{ files: number; bytes: number }> {
  const rows = await db.query<{ files: string | number; bytes: string | number | null }[]>(
    'SELECT COUNT(*) AS files, SUM(size) AS bytes FROM ' +
      `(SELECT sha256, MAX(size) AS size FROM (${STORED_FILES_SQL}) files GROUP BY sha256) stored`,
  );
  return { files: Number(rows[0]?.files ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
}
