import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { UnitsService } from '../organisations/units.service.js';
import { AdminPage } from './admin-page.js';
import type { CreateUnitForm, UnitStatusForm, UpdateUnitForm } from './admin-forms.js';
import { fieldErrors, type Again, type Posted } from './forms.js';

const UNIT_FIELDS = ['code', 'name', 'shortName', 'description', 'organisationId'];

/** templates/pages/admin-units.hbs and admin-unit.hbs: the units, one unit's details and status. */
@Injectable()
export class AdminUnitsPage {
  constructor(
    private readonly admin: AdminPage,
    private readonly units: UnitsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(me: Principal, again: Again | null = null) {
    const organisations = await this.organisations.list(me);
    return {
      units: await this.admin.units(me),
      organisations,
      chooseOrganisation: organisations.length > 1,
      error: again?.problem ?? null,
      errors: fieldErrors(UNIT_FIELDS, again?.problem ?? null),
      form: {
        code: '',
        name: '',
        shortName: '',
        description: '',
        organisationId: '',
        ...again?.posted,
      },
    };
  }

  create(me: Principal, form: Posted<CreateUnitForm>) {
    return form.submit(
      async ({ organisationId, ...dto }) => {
        const unit = await this.units.createInChosenOrganisation(me, organisationId, dto);
        return `/admin/units/${unit.id}?flash=unit_created`;
      },
      (again) => this.list(me, again),
    );
  }

  async unit(me: Principal, id: string, lang: Language, again: Again | null = null) {
    const unit = await this.organisations.unit(me, id);
    return {
      pageTitle: unit.name,
      unit,
      error: again?.problem ?? null,
      errors: fieldErrors(UNIT_FIELDS, again?.problem ?? null),
      form: {
        name: unit.name,
        shortName: unit.shortName ?? '',
        description: unit.description ?? '',
        ...again?.posted,
      },
      withdrawConfirm: translate(lang, 'admin.withdraw_confirm', { name: unit.name }),
    };
  }

  update(me: Principal, id: string, lang: Language, form: Posted<UpdateUnitForm>) {
    return form.submit(
      async (dto) => {
        await this.units.update(me, id, dto);
        return `/admin/units/${id}?flash=unit_saved`;
      },
      (again) => this.unit(me, id, lang, again),
    );
  }

  setStatus(me: Principal, id: string, lang: Language, form: Posted<UnitStatusForm>) {
    return form.submit(
      async ({ withdrawn }) => {
        await this.units.update(me, id, { withdrawn });
        return `/admin/units/${id}?flash=${withdrawn ? 'unit_withdrawn' : 'unit_restored'}`;
      },
      // The details form shows the unit as stored, not the status form's fields.
      (again) => this.unit(me, id, lang, { ...again, posted: {} }),
    );
  }
}
