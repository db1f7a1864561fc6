import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, LessThan } from 'typeorm';
import { ABSOLUTE_MS } from './auth.service.js';
import { Session } from './session.entity.js';
import { ADDRESS_THROTTLE, DEFAULT_THROTTLE } from './throttle-rule.js';
import { pruneThrottles } from './throttle-store.js';

/** How often each instance prunes (every instance may: the deletes are idempotent). */
export const PRUNE_EVERY_MS = 60 * 60_000;
/** A session this far past its end is removed (the margin keeps a request in flight valid). */
const SESSION_MARGIN_MS = 60_000;

export interface Pruned {
  sessions: number;
  throttles: number;
}

/**
 * Removes sessions that can no longer sign anyone in (expired, revoked, past their absolute life)
 * and sign-in throttle rows whose window and lock have both passed. Runs at start-up and then
 * hourly on an unref'd timer, off the sign-in path: sign-in stays one atomic statement per key and
 * does no housekeeping, and a stopped instance leaves nothing running.
 */
@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.pruneAndLog();
    this.timer = setInterval(() => void this.pruneAndLog(), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** True while the periodic prune is scheduled; the timer never keeps the process alive. */
  get scheduled(): { active: boolean; keepsProcessAlive: boolean } {
    return { active: this.timer !== null, keepsProcessAlive: this.timer?.hasRef() ?? false };
  }

  async prune(now = new Date()): Promise<Pruned> {
    const before = new Date(now.getTime() - SESSION_MARGIN_MS);
    const sessions = await this.db
      .getRepository(Session)
      .createQueryBuilder()
      .delete()
      .where(
        new Brackets((q) =>
          q
            .where({ expiresAt: LessThan(before) })
            .orWhere({ revokedAt: LessThan(before) })
            .orWhere({ createdAt: LessThan(new Date(before.getTime() - ABSOLUTE_MS)) }),
        ),
      )
      .execute();
    const windowMs = Math.max(
      DEFAULT_THROTTLE.windowMs,
      ADDRESS_THROTTLE.windowMs,
      DEFAULT_THROTTLE.lockMs,
      ADDRESS_THROTTLE.lockMs,
    );
    const throttles = await pruneThrottles(this.db, now, windowMs);
    return { sessions: sessions.affected ?? 0, throttles };
  }

  private async pruneAndLog(): Promise<void> {
    try {
      const { sessions, throttles } = await this.prune();
      if (sessions + throttles > 0)
        this.logger.log(
          `Pruned ${sessions} ended session(s) and ${throttles} old sign-in throttle row(s)`,
        );
    } catch (error) {
      // Housekeeping: a failed prune is retried at the next run and must not stop the app.
      this.logger.warn(
        `Pruning sessions failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
