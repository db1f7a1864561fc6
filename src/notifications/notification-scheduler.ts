import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Cron } from 'croner';
import { Clock } from '../common/clock.js';
import { WITA } from '../common/dates.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { NotificationEngine } from './notification-engine.js';

/**
 * In-process scheduling with croner (no separate cron): the scan every 5 minutes (it also queues
 * the day's digests once MUTU_DIGEST_TIME has passed), one more run at the digest time itself, and
 * the outbox every minute (retries). `protect` skips a run while the previous one is still going;
 * several instances may all run it: keys and leases keep every e-mail single.
 * A failure (database busy, SMTP down) is logged and the next run tries again: the app keeps working.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private jobs: Cron[] = [];
  private startup?: NodeJS.Timeout;

  constructor(
    private readonly engine: NotificationEngine,
    private readonly clock: Clock,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifications.scheduler) return;
    const { digestAt } = this.config.notifications;
    const tick = (): Promise<void> => this.run('scan', () => this.engine.tick(this.clock.now()));
    const deliver = (): Promise<void> =>
      this.run('delivery', () => this.engine.deliver(this.clock.now()));
    const options = { protect: true, timezone: WITA, catch: true } as const;
    this.jobs = [
      new Cron('*/5 * * * *', options, tick),
      new Cron(`${digestAt % 60} ${Math.floor(digestAt / 60)} * * *`, options, tick),
      new Cron('* * * * *', options, deliver),
    ];
    // A fresh start fills the bells at once rather than at the next five minutes.
    this.startup = setTimeout(() => void tick(), 1000);
    this.startup.unref();
  }

  private async run(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(
        `Notification ${what} failed, will try again: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.startup);
    for (const job of this.jobs) job.stop();
    this.jobs = [];
    this.engine.close();
  }
}
