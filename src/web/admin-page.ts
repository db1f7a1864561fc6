import { Injectable } from '@nestjs/common';
import { ASSESSMENT_TYPES } from '../assessments/assessment-types.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import type { Principal } from '../auth/principal.js';
import { ROLES } from '../auth/role.js';
import { UsersService, type UserView } from '../auth/users.service.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';

/** Data of the administration pages (users and their scope, units, cycles), from the owning services. */
@Injectable()
export class AdminPage {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly assessments: AssessmentsService,
  ) {}

  /** Every unit the caller administers, with its organisation; withdrawn ones last. */
  async units(me: Principal): Promise<(UnitView & { organisationName: string })[]> {
    const rows: (UnitView & { organisationName: string })[] = [];
    for (const org of await this.organisations.list(me))
      for (const u of await this.organisations.units(me, org.id, { includeWithdrawn: true }))
        rows.push({ ...u, organisationName: org.name });
    return rows.sort((a, b) => Number(a.withdrawnAt !== null) - Number(b.withdrawnAt !== null));
  }

  /** Units that may be given to a user or a new cycle: not withdrawn. */
  async activeUnitOptions(me: Principal): Promise<{ value: string; label: string }[]> {
    return (await this.units(me))
      .filter((u) => u.withdrawnAt === null)
      .map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }));
  }

  async userList(me: Principal): Promise<(UserView & { unitCodes: string[] })[]> {
    const codes = new Map((await this.units(me)).map((u) => [u.id, u.code]));
    return (await this.users.list(me)).map((u) => ({
      ...u,
      unitCodes: u.unitIds.map((id) => codes.get(id) ?? '?'),
    }));
  }

  roles(): readonly string[] {
    return ROLES;
  }

  assessmentTypes(): readonly string[] {
    return ASSESSMENT_TYPES;
  }

  async assessorOptions(me: Principal): Promise<{ value: string; label: string }[]> {
    return (await this.assessments.assignableAssessors(me)).map((a) => ({
      value: a.id,
      label: `${a.displayName} (${a.username})`,
    }));
  }
}
