import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ROLES } from '../auth/role.js';
import { UsersService } from '../auth/users.service.js';
import { activeUnitOptions, AdminPage } from './admin-page.js';
import type { CreateUserForm, UpdateUserForm } from './admin-forms.js';
import { asList, choices, fieldErrors, type Again, type FormBody, type Posted } from './forms.js';

const USER_FIELDS = ['username', 'displayName', 'role', 'password', 'unitIds', 'active'];

/** templates/pages/admin-users.hbs and admin-user.hbs: the users, and one user's role and units. */
@Injectable()
export class AdminUsersPage {
  constructor(
    private readonly admin: AdminPage,
    private readonly users: UsersService,
  ) {}

  async list(me: Principal, again: Again | null = null) {
    const units = await this.admin.units(me);
    // What was typed comes back, except the password.
    const form: FormBody | null = again ? { ...again.posted, password: '' } : null;
    return {
      users: await this.admin.userList(me, units),
      roles: ROLES,
      units: choices(activeUnitOptions(units), asList(form?.unitIds)),
      error: again?.problem ?? null,
      errors: fieldErrors(USER_FIELDS, again?.problem ?? null),
      form: { username: '', displayName: '', role: 'quality_officer', ...form },
    };
  }

  create(me: Principal, form: Posted<CreateUserForm>) {
    return form.submit(
      async (dto) => `/admin/users/${(await this.users.create(me, dto)).id}?flash=user_created`,
      (again) => this.list(me, again),
    );
  }

  async user(me: Principal, id: string, again: Again | null = null) {
    const user = await this.users.view(me, id);
    const units = activeUnitOptions(await this.admin.units(me));
    const posted = again?.posted;
    const values = posted
      ? {
          displayName: posted.displayName ?? '',
          role: posted.role ?? user.role,
          active: posted.active === 'yes',
          unitIds: asList(posted.unitIds),
        }
      : user;
    return {
      pageTitle: user.displayName,
      user,
      roles: ROLES,
      units: choices(units, values.unitIds),
      error: again?.problem ?? null,
      errors: fieldErrors(USER_FIELDS, again?.problem ?? null),
      form: { displayName: values.displayName, role: values.role, active: values.active },
      self: user.id === me.id,
    };
  }

  update(me: Principal, id: string, form: Posted<UpdateUserForm>) {
    return form.submit(
      async (dto) => {
        await this.users.update(me, id, dto);
        return `/admin/users/${id}?flash=user_saved`;
      },
      (again) => this.user(me, id, again),
    );
  }
}
