import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit-log/audit-log.js';
import { Forbidden, TooManyAttempts, Unauthorized } from '../common/domain-error.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { Session } from './session.entity.js';
import { policyFor, retryAfterSeconds } from './throttle-rule.js';
import { countAttempt, giveBackAttempt } from './throttle-store.js';
import { User } from './user.entity.js';

export const SESSION_COOKIE = 'mutu_session';
const IDLE_MS = 12 * 3600_000;
export const ABSOLUTE_MS = 7 * 24 * 3600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface LoginResult {
  accessToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: PublicUser;
}

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Principal['role'];
  organisationId: string | null;
  unitIds: string[];
}

export const publicUser = (u: User): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  organisationId: u.organisationId,
  unitIds: (u.units ?? []).map((x) => x.id).sort(),
});

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
  ) {}

  /** The unknown-name hash is made before the first sign-in, which then costs what any other does. */
  async onModuleInit(): Promise<void> {
    await dummyHash(this.config.passwordCost);
  }

  async login(
    username: string,
    password: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<LoginResult> {
    const now = new Date();
    const keys = [`user:${username.toLowerCase()}`, ...(client.ip ? [`ip:${client.ip}`] : [])];
    await this.countAttempt(keys, now);

    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.units', 'unit')
      .where('u.username = :username', { username })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? null, password, this.config.passwordCost);
    if (!user || !ok) {
      await this.db.transaction(async (m) => {
        await recordAudit(m, {
          actorId: user?.id ?? null,
          action: 'auth.login_failed',
          entity: 'user',
          entityId: username.slice(0, 64),
          organisationId: user?.organisationId ?? null,
          changes: client.ip ? { ip: { before: null, after: client.ip } } : null,
        });
      });
      throw new Unauthorized('invalid_credentials');
    }
    if (!user.active) throw new Forbidden('account_disabled');

    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + IDLE_MS);
    await this.db.transaction(async (m) => {
      const session = await m.getRepository(Session).save(
        m.getRepository(Session).create({
          tokenHash: sha256(token),
          csrfToken,
          userId: user.id,
          lastSeenAt: now,
          expiresAt,
          revokedAt: null,
          ipAddress: client.ip,
          userAgent: client.userAgent?.slice(0, 300) ?? null,
        }),
      );
      // A success forgives its user name, and its address is charged for failures only.
      await m.getRepository(LoginThrottle).delete({ key: keys[0] });
      if (keys[1]) await giveBackAttempt(m, keys[1], policyFor(keys[1]));
      await m.getRepository(User).update({ id: user.id }, { lastLoginAt: now });
      await recordAudit(m, {
        actorId: user.id,
        action: 'auth.login',
        entity: 'session',
        entityId: session.id,
        organisationId: user.organisationId,
      });
    });
    return { accessToken: token, csrfToken, expiresAt, user: publicUser(user) };
  }

  /**
   * Counts this attempt against its user name, then its address, before the password is checked:
   * each count is one atomic statement, so parallel attempts (on any number of instances) cannot
   * all slip under the limit. A key already locked refuses the attempt with 429 + Retry-After; the
   * attempt is then not charged to the other key.
   */
  private async countAttempt(keys: string[], now: Date): Promise<void> {
    const refusedFor = await this.db.transaction(async (m) => {
      const counted: string[] = [];
      for (const key of keys) {
        const policy = policyFor(key);
        const attempt = await countAttempt(m, key, now, policy);
        if (attempt.refused) {
          for (const earlier of counted) await giveBackAttempt(m, earlier, policyFor(earlier));
          return retryAfterSeconds(attempt, now);
        }
        counted.push(key);
      }
      return 0;
    });
    if (refusedFor > 0) throw new TooManyAttempts(refusedFor);
  }

  /** The principal behind a token, or null when the token is unknown, revoked, expired, or its user disabled. */
  async resolve(
    token: string,
    via: Principal['via'],
  ): Promise<(Principal & { csrfToken: string }) | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const session = await this.db
      .getRepository(Session)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .leftJoinAndSelect('u.units', 'unit')
      .where('s.tokenHash = :hash', { hash: sha256(token) })
      .getOne();
    const now = new Date();
    if (!session?.user || session.revokedAt || session.expiresAt <= now || !session.user.active)
      return null;
    if (now.getTime() - session.createdAt.getTime() > ABSOLUTE_MS) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.db
        .getRepository(Session)
        .update(
          { id: session.id },
          { lastSeenAt: now, expiresAt: new Date(now.getTime() + IDLE_MS) },
        );
    }
    const u = session.user;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      organisationId: u.organisationId,
      unitIds: (u.units ?? []).map((x) => x.id),
      sessionId: session.id,
      csrfToken: session.csrfToken,
      via,
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.getRepository(Session).update({ id: principal.sessionId }, { revokedAt: new Date() });
      await recordAudit(m, {
        actorId: principal.id,
        action: 'auth.logout',
        entity: 'session',
        entityId: principal.sessionId,
        organisationId: principal.organisationId,
      });
    });
  }

  /** On a database without users and without demo data: the first administrator, from the environment or generated. */
  async ensureFirstAdmin(): Promise<void> {
    if ((await this.db.getRepository(User).count()) > 0) return;
    const username = this.config.firstAdmin.username;
    const generated = !this.config.firstAdmin.password;
    const password = this.config.firstAdmin.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password, this.config.passwordCost);
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(User);
      const admin = await repo.save(
        repo.create({
          username,
          displayName: 'Administrator',
          role: 'admin',
          passwordHash,
          organisationId: null,
          active: true,
        }),
      );
      await recordAudit(m, {
        actorId: null,
        action: 'user.create',
        entity: 'user',
        entityId: admin.id,
        changes: {
          username: { before: null, after: username },
          role: { before: null, after: 'admin' },
        },
      });
    });
    if (generated) {
      // Printed once, to the console of whoever started the first instance; never stored in clear.
      console.log(
        `\n  First administrator created: user "${username}", password "${password}". Change it after signing in.\n`,
      );
    } else {
      this.logger.log(
        `First administrator "${username}" created from MUTU_ADMIN_USERNAME/MUTU_ADMIN_PASSWORD`,
      );
    }
  }
}
