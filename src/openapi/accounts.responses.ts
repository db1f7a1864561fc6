import type { AuditEventView } from '../audit-log/audit-log.service.js';
import type { LoginResult, PublicUser } from '../auth/auth.service.js';
import type { Role } from '../auth/role.js';
import type { UserView } from '../auth/users.service.js';
import type { Page } from '../common/pagination.js';
import type { Health, Readiness } from '../health/health.controller.js';
import type { OrganisationView, UnitView } from '../organisations/organisations.service.js';
import { PageFieldsResponse } from './common.responses.js';

export class PublicUserResponse implements PublicUser {
  id!: string;
  username!: string;
  displayName!: string;
  role!: Role;
  organisationId!: string | null;
  /** Units an officer (or unit-level management) may act on. */
  unitIds!: string[];
}

export class UserResponse extends PublicUserResponse implements UserView {
  active!: boolean;
  lastLoginAt!: Date | null;
  email!: string | null;
  language!: 'id' | 'en';
  /** E-mail per notification kind: digest / immediate / off; missing kinds take the default. */
  notificationPreferences!: Record<string, 'digest' | 'immediate' | 'off'>;
}

export class LoginResponse implements LoginResult {
  /** Send as `Authorization: Bearer <token>`; the same value is set as the session cookie. */
  accessToken!: string;
  /** Echo it in the X-CSRF-Token header on mutations made with the cookie. */
  csrfToken!: string;
  expiresAt!: Date;
  user!: PublicUserResponse;
}

export class OrganisationResponse implements OrganisationView {
  id!: string;
  code!: string;
  name!: string;
  province!: string | null;
  timezone!: string;
}

export class UnitResponse implements UnitView {
  id!: string;
  organisationId!: string;
  code!: string;
  name!: string;
  shortName!: string | null;
  description!: string | null;
  /** Set when the unit was withdrawn (kept for its history, hidden from lists and summaries). */
  withdrawnAt!: Date | null;
}

export class AuditActorResponse {
  id!: string;
  username!: string;
  displayName!: string;
}

export class AuditEventResponse implements AuditEventView {
  id!: string;
  occurredAt!: Date;
  actor!: AuditActorResponse | null;
  /** e.g. evidence.create, finding.transition */
  action!: string;
  entity!: string;
  entityId!: string;
  unitId!: string | null;
  /** Changed fields: {field: {before, after}}. */
  changes!: Record<string, { before: unknown; after: unknown }> | null;
  requestId!: string | null;
}

export class AuditEventPageResponse extends PageFieldsResponse implements Page<AuditEventView> {
  items!: AuditEventResponse[];
}

export class HealthDatabaseResponse {
  engine!: 'sqlite' | 'postgres';
  ok!: true;
  latencyMs!: number;
  migrationsPending!: boolean;
}

export class HealthResponse implements Health {
  status!: 'ok';
  database!: HealthDatabaseResponse;
}

export class HealthLiveResponse {
  status!: 'ok';
  uptimeS!: number;
}

export class ReadinessDatabaseCheckResponse {
  ok!: boolean;
  engine!: 'sqlite' | 'postgres';
  latencyMs!: number | null;
}

export class ReadinessMigrationsCheckResponse {
  ok!: boolean;
  pending!: boolean | null;
}

export class ReadinessDataDirCheckResponse {
  ok!: boolean;
  writable!: boolean;
  freeBytes!: number | null;
  minFreeBytes!: number;
  problem?: string;
}

export class ReadinessPdfCheckResponse {
  ok!: true;
  browser!: 'running' | 'not_started';
  inFlight!: number;
  queued!: number;
}

export class ReadinessShutdownCheckResponse {
  ok!: boolean;
  draining!: boolean;
}

export class ReadinessChecksResponse {
  database!: ReadinessDatabaseCheckResponse;
  migrations!: ReadinessMigrationsCheckResponse;
  dataDir!: ReadinessDataDirCheckResponse;
  pdf!: ReadinessPdfCheckResponse;
  shutdown!: ReadinessShutdownCheckResponse;
}

export class ReadinessResponse implements Readiness {
  status!: 'ready' | 'not_ready' | 'draining';
  checks!: ReadinessChecksResponse;
}
