import type { NotificationPreferences } from '../notifications/notification-types.js';
import { Inject, Injectable } from '@nestjs/common';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import { NotFound, Unauthorized, ValidationFailed } from '../common/domain-error.js';
import { UserError } from './user-errors.js';
import { Unit } from '../organisations/unit.entity.js';
import { publicUser, type PublicUser } from './auth.service.js';
import type { UpdateProfileDto } from './auth.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { ScopeService } from './scope.js';
import { Session } from './session.entity.js';
import type { CreateUserDto, UpdateUserDto } from './users.dto.js';
import { User } from './user.entity.js';
import { needsUnits } from './principal-rules.js';

export interface UserView extends PublicUser {
  active: boolean;
  lastLoginAt: Date | null;
  /** Where notifications are e-mailed; null: in-app only. */
  email: string | null;
  language: 'id' | 'en';
  notificationPreferences: NotificationPreferences;
}

const view = (u: User): UserView => ({
  ...publicUser(u),
  active: u.active,
  lastLoginAt: u.lastLoginAt,
  email: u.email ?? null,
  language: u.language === 'en' ? 'en' : 'id',
  notificationPreferences: u.notificationPreferences ?? {},
});

/** Snapshot of the audited fields of a user (never the password hash). */
const audited = (u: User): Record<string, unknown> => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  active: u.active,
  unitIds: (u.units ?? []).map((x) => x.id).sort(),
  email: u.email ?? null,
  language: u.language,
  notificationPreferences: u.notificationPreferences ?? null,
});

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
  ) {}

  private query(admin: Principal, m: EntityManager = this.db.manager) {
    const q = m.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.units', 'unit');
    const orgs = this.scope.visibleOrganisationIds(admin);
    if (orgs !== 'all') q.where(orgs.length ? 'u.organisationId IN (:...orgs)' : '1 = 0', { orgs });
    return q;
  }

  async list(admin: Principal): Promise<UserView[]> {
    return (await this.query(admin).orderBy('u.username').getMany()).map(view);
  }

  async get(admin: Principal, id: string, m?: EntityManager): Promise<User> {
    const user = await this.query(admin, m).andWhere('u.id = :id', { id }).getOne();
    if (!user) throw new NotFound('user', id);
    return user;
  }

  async view(admin: Principal, id: string): Promise<UserView> {
    return view(await this.get(admin, id));
  }

  private async units(admin: Principal, ids: string[], m: EntityManager): Promise<Unit[]> {
    if (ids.length === 0) return [];
    // The requested ids are the caller's own list (bounded by the DTO); the scope stays in SQL.
    const rows = await this.scope
      .restrict(
        m
          .getRepository(Unit)
          .createQueryBuilder('u')
          .where('u.id IN (:...ids)', { ids })
          .andWhere('u.withdrawnAt IS NULL'),
        'u.id',
        admin,
      )
      .getMany();
    const unknown = ids.filter((id) => !rows.some((r) => r.id === id));
    if (unknown.length)
      throw new ValidationFailed([{ field: 'unitIds', rule: 'unknownUnits', values: unknown }]);
    return rows;
  }

  async create(admin: Principal, dto: CreateUserDto): Promise<UserView> {
    return this.db.transaction(async (m) => {
      if (await m.getRepository(User).existsBy({ username: dto.username }))
        throw new UserError('username_taken', { username: dto.username });
      const units = await this.units(admin, dto.unitIds ?? [], m);
      if (needsUnits(dto.role) && units.length === 0)
        throw new ValidationFailed([{ field: 'unitIds', rule: 'unitsRequired' }]);
      const repo = m.getRepository(User);
      const user = await repo.save(
        repo.create({
          username: dto.username,
          displayName: dto.displayName,
          role: dto.role,
          passwordHash: await hashPassword(dto.password, this.config.passwordCost),
          organisationId: admin.organisationId,
          active: true,
          units,
        }),
      );
      await recordAudit(m, {
        actorId: admin.id,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
        changes: fieldChanges(null, audited(user)),
      });
      return view(user);
    });
  }

  async update(admin: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const user = await this.get(admin, id, m);
      const before = audited(user);
      if (dto.active === false && user.id === admin.id) throw new UserError('cannot_disable_self');
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.active !== undefined) user.active = dto.active;
      if (dto.unitIds !== undefined) user.units = await this.units(admin, dto.unitIds, m);
      if (needsUnits(user.role) && (user.units ?? []).length === 0)
        throw new ValidationFailed([{ field: 'unitIds', rule: 'unitsRequired' }]);
      if (dto.password !== undefined)
        user.passwordHash = await hashPassword(dto.password, this.config.passwordCost);
      await m.getRepository(User).save(user);
      // A disabled account, a new password or a changed role ends the user's sessions.
      if (!user.active || dto.password !== undefined || user.role !== before.role) {
        await m
          .getRepository(Session)
          .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      const changes = fieldChanges(before, audited(user));
      if (dto.password !== undefined) changes.password = { before: '(hidden)', after: '(changed)' };
      await recordAudit(m, {
        actorId: admin.id,
        action: 'user.update',
        entity: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
        changes,
      });
      return view(user);
    });
  }

  async updateOwnProfile(me: Principal, dto: UpdateProfileDto): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const user = await m
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .leftJoinAndSelect('u.units', 'unit')
        .where('u.id = :id', { id: me.id })
        .getOneOrFail();
      const before = audited(user);
      if (dto.newPassword !== undefined) {
        if (
          !dto.currentPassword ||
          !(await verifyPassword(user.passwordHash, dto.currentPassword, this.config.passwordCost))
        )
          throw new UserError('wrong_current_password');
        user.passwordHash = await hashPassword(dto.newPassword, this.config.passwordCost);
        await m
          .getRepository(Session)
          .update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.email !== undefined) user.email = dto.email === null ? null : dto.email.trim();
      if (dto.language !== undefined) user.language = dto.language;
      if (dto.notificationPreferences !== undefined)
        user.notificationPreferences = {
          ...(user.notificationPreferences ?? {}),
          ...Object.fromEntries(
            Object.entries(dto.notificationPreferences).filter(([, v]) => v !== undefined),
          ),
        };
      await m.getRepository(User).save(user);
      const changes = fieldChanges(before, audited(user));
      if (dto.newPassword !== undefined)
        changes.password = { before: '(hidden)', after: '(changed)' };
      await recordAudit(m, {
        actorId: me.id,
        action: 'user.update_profile',
        entity: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
        changes,
      });
      return view(user);
    });
  }

  async me(me: Principal): Promise<UserView> {
    const user = await this.db
      .getRepository(User)
      .findOne({ where: { id: me.id }, relations: { units: true } });
    if (!user) throw new Unauthorized('session_expired');
    return view(user);
  }
}
