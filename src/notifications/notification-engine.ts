import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { MutuConfig } from '../config/configuration.js';
import { MailTemplates } from './mail-templates.js';
import { SmtpMailer, type Mailer } from './mailer.js';
import { NotificationOutbox, type DeliveryReport } from './notification-outbox.js';
import { NotificationScanner, type ScanResult } from './notification-scanner.js';
import { NOTIFICATION_SOURCES } from './sources/index.js';

export interface TickResult {
  scan: ScanResult;
  digests: number;
  delivery: DeliveryReport | null;
}

/**
 * The whole round: scan → queue the day's digests → send what is due. The same object runs in the
 * app (scheduler), in `mutu notify` and in the tests (with a moved clock and a test SMTP server).
 * Without MUTU_SMTP_URL nothing is queued for e-mail: notifications stay in-app.
 */
export class NotificationEngine {
  readonly scanner: NotificationScanner;
  readonly outbox: NotificationOutbox;
  private mailer: Mailer | null;

  constructor(db: DataSource, config: Pick<MutuConfig, 'notifications'>, mailer?: Mailer | null) {
    const n = config.notifications;
    this.scanner = new NotificationScanner(db, NOTIFICATION_SOURCES);
    this.outbox = new NotificationOutbox(db, new MailTemplates(), {
      publicUrl: n.publicUrl,
      digestAt: n.digestAt,
      owner: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    });
    this.mailer =
      mailer !== undefined ? mailer : n.smtpUrl ? new SmtpMailer(n.smtpUrl, n.mailFrom) : null;
  }

  get mails(): boolean {
    return this.mailer !== null;
  }

  async tick(now: Date): Promise<TickResult> {
    const scan = await this.scanner.scan(now, { mail: this.mailer !== null });
    const digests = this.mailer ? await this.outbox.queueDigests(now) : 0;
    const delivery = this.mailer ? await this.outbox.deliver(now, this.mailer) : null;
    return { scan, digests, delivery };
  }

  async deliver(now: Date): Promise<DeliveryReport | null> {
    return this.mailer ? this.outbox.deliver(now, this.mailer) : null;
  }

  close(): void {
    this.mailer?.close();
  }
}
