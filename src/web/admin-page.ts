import { Injectable } from '@nestjs/common';
import type { AssessorView } from '../assessments/assessment-views.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import type { Principal } from '../auth/principal.js';
import { UsersService, type UserView } from '../auth/users.service.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';

export type AdminUnit = UnitView & { organisationName: string };
export type Option = { value: string; label: string };

/** Units that may be given to a user or a new cycle: not withdrawn. */
export const activeUnitOptions = (units: readonly AdminUnit[]): Option[] =>
  units
    .filter((u) => u.withdrawnAt === null)
    .map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }));

/** An assessor as a choice of the cycle forms. */
export const assessorOption = (a: AssessorView): Option => ({
  value: a.id,
  label: `${a.displayName} (${a.username})`,
});

/** Data of the administration pages (users and their scope, units, cycles), from the owning services. */
@Injectable()
export class AdminPage {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly assessments: AssessmentsService,
  ) {}

  /** Every unit the caller administers, with its organisation; withdrawn ones last. */
  async units(me: Principal): Promise<AdminUnit[]> {
    const rows: AdminUnit[] = [];
    for (const org of await this.organisations.list(me))
      for (const u of await this.organisations.units(me, org.id, { includeWithdrawn: true }))
        rows.push({ ...u, organisationName: org.name });
    return rows.sort((a, b) => Number(a.withdrawnAt !== null) - Number(b.withdrawnAt !== null));
  }

  /** The users of the caller's organisation, each with the codes of their units (from `units`). */
  async userList(
    me: Principal,
    units: readonly AdminUnit[],
  ): Promise<(UserView & { unitCodes: string[] })[]> {
    const codes = new Map(units.map((u) => [u.id, u.code]));
    return (await this.users.list(me)).map((u) => ({
      ...u,
      unitCodes: u.unitIds.map((id) => codes.get(id) ?? '?'),
    }));
  }

  async assessorOptions(me: Principal): Promise<Option[]> {
    return (await this.assessments.assignableAssessors(me)).map(assessorOption);
  }
}
