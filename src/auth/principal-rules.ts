import type { Principal } from './principal.js';
import type { Role } from './role.js';

/*
 * What a role means beyond its permissions (src/auth/permissions.ts), each named after what it
 * decides, so that no page or service compares role names itself. Which records a caller sees is
 * src/auth/scope.ts.
 */

type Caller = Pick<Principal, 'id' | 'role' | 'organisationId'>;

/** One of the assessors assigned to the cycle: who rates, records findings and issues its report. */
export const isAssignedAssessor = (me: Caller, assessors: readonly { id: string }[]): boolean =>
  me.role === 'assessor' && assessors.some((a) => a.id === me.id);

/** An assessor's list of cycles is the cycles they are assigned to; others see every visible one. */
export const listsOnlyAssignedCycles = (me: Caller): boolean => me.role === 'assessor';

/** An assessor who starts a cycle is on its team (unless they untick themselves). */
export const defaultCycleTeam = (me: Caller): string[] => (me.role === 'assessor' ? [me.id] : []);

/** Oversees the organisation as a whole (management, administrators): its dashboard is theirs. */
export const overseesOrganisation = (me: Caller): boolean =>
  me.role === 'management' || me.role === 'admin';

/** Administers the organisation: its own events (not of one unit) are theirs to read. */
export const administers = (me: Caller): boolean => me.role === 'admin';

/** Administers this organisation: every unit of it is in their scope, withdrawn ones too. */
export const administersOrganisation = (me: Caller, organisationId: string): boolean =>
  administers(me) && (!me.organisationId || me.organisationId === organisationId);

/**
 * Sees every unit of this organisation by rule (its administrator, a national administrator, or
 * management with no units of their own: src/auth/scope.ts), so a read may use what is kept for the
 * whole organisation instead of summing the caller's units.
 */
export const seesWholeOrganisation = (
  me: Caller & Pick<Principal, 'unitIds'>,
  organisationId: string,
): boolean =>
  administersOrganisation(me, organisationId) ||
  (me.role === 'management' && me.unitIds.length === 0 && me.organisationId === organisationId);

/** An administrator of no organisation: sees every organisation. */
export const administersAll = (me: Caller): boolean => administers(me) && !me.organisationId;

/** A role that works on its own units only: an account of it needs at least one unit. */
export const needsUnits = (role: Role): boolean =>
  role === 'quality_officer' || role === 'unit_head';
