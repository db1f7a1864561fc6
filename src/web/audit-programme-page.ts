import { Injectable } from '@nestjs/common';
import { AuditProgrammeService } from '../audit-programme/audit-programme.service.js';
import { AUDIT_METHODS } from '../audit-programme/programme-rules.js';
import type { EntryView } from '../audit-programme/programme-views.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { can } from '../auth/permissions.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { asList, fieldErrors, runForm, type Again, type Posted } from './forms.js';
import {
  entryFromForm,
  type EntryForm,
  type PostponeForm,
  type ProgrammeForm,
} from './programme-forms.js';

const PROGRAMME_FIELDS = ['year', 'title'];
const ENTRY_FIELDS = [
  'unitId',
  'scopeClauses',
  'scopeProcesses',
  'plannedStartOn',
  'plannedEndOn',
  'leadAuditorId',
  'teamIds',
  'criteria',
  'method',
  'independenceExceptions',
  'leadJustification',
];

/** Which form of the programme page came back refused: the new audit, or one entry's button. */
type Refused = (Again & { form: 'entry' }) | (Again & { form: 'action'; entryId: string });

/** templates/pages/audit-programmes.hbs and audit-programme.hbs (clause 9.2.2). */
@Injectable()
export class AuditProgrammePage {
  constructor(
    private readonly programmes: AuditProgrammeService,
    private readonly organisations: OrganisationsService,
    private readonly scope: ScopeService,
  ) {}

  /** The organisation's programmes, newest year first, and the form to open a year. */
  async list(me: Principal, organisationId: string, lang: Language, again: Again | null = null) {
    const organisation = await this.organisations.get(me, organisationId);
    return {
      pageTitle: translate(lang, 'programme.list_title', { organisation: organisation.name }),
      organisation,
      programmes: await this.programmes.list(me, organisationId),
      canManage: can(me, 'audit_programme.manage'),
      error: again?.problem ?? null,
      errors: fieldErrors(PROGRAMME_FIELDS, again?.problem ?? null),
      form: { year: '', title: '', ...again?.posted },
    };
  }

  create(me: Principal, organisationId: string, lang: Language, form: Posted<ProgrammeForm>) {
    return form.submit(
      async (dto) =>
        `/audit-programmes/${(await this.programmes.create(me, organisationId, dto)).id}?flash=programme_saved`,
      (again) => this.list(me, organisationId, lang, again),
      (refusal) => refusal.status,
    );
  }

  /** One year: counts, the entries as a list and by month, the admin's forms. */
  async programme(me: Principal, id: string, lang: Language, again: Refused | null = null) {
    const programme = await this.programmes.get(me, id);
    const organisation = await this.organisations.get(me, programme.organisationId);
    const canManage = can(me, 'audit_programme.manage');
    const [units, auditors] = canManage
      ? await Promise.all([
          this.organisations.units(me, programme.organisationId),
          this.programmes.auditors(me),
        ])
      : [[], []];
    const entryProblem = again?.form === 'entry' ? again.problem : null;
    const posted = again?.form === 'entry' ? again.posted : {};
    const team = new Set(asList(posted.teamIds));
    // A unit's name links to its page only for a caller who may open it.
    const openable = await this.scope.visibleAmong(
      me,
      programme.entries.map((e) => e.unit.id),
    );
    const entries = programme.entries.map((e) => ({
      ...this.row(e, lang, canManage, again),
      unitLink: openable.has(e.unit.id),
    }));
    return {
      pageTitle: programme.title,
      programme,
      organisation,
      entries,
      months: Array.from({ length: 12 }, (_v, i) => ({
        label: translate(lang, `programme.month.${i + 1}`),
        entries: entries.filter((e) => e.months.includes(i + 1)),
      })),
      canManage,
      units,
      auditors: auditors.map((a) => ({ ...a, inTeam: team.has(a.id) })),
      methods: AUDIT_METHODS.map((m) => ({
        value: m,
        label: translate(lang, `programme.method.${m}`),
      })),
      entryError: entryProblem,
      errors: fieldErrors(ENTRY_FIELDS, entryProblem),
      form: {
        unitId: '',
        scopeClauses: '',
        scopeProcesses: '',
        plannedStartOn: '',
        plannedEndOn: '',
        leadAuditorId: '',
        criteria: '',
        method: 'on_site',
        leadJustification: '',
        ...posted,
      },
    };
  }

  private row(e: EntryView, lang: Language, canManage: boolean, again: Refused | null) {
    return {
      ...e,
      statusLabel: translate(lang, `programme.status.${e.status}`),
      methodLabel: translate(lang, `programme.method.${e.method}`),
      scopeText: e.scopeClauses.join(', '),
      canStart: canManage && e.status === 'planned',
      canPostpone: canManage && e.status === 'planned',
      error: again?.form === 'action' && again.entryId === e.id ? again.problem : null,
    };
  }

  addEntry(me: Principal, id: string, lang: Language, form: Posted<EntryForm>) {
    return form.submit(
      async (posted) => {
        await this.programmes.addEntry(me, id, entryFromForm(posted));
        return `/audit-programmes/${id}?flash=audit_planned`;
      },
      (again) => this.programme(me, id, lang, { ...again, form: 'entry' }),
      (refusal) => refusal.status,
    );
  }

  async start(me: Principal, entryId: string, lang: Language) {
    const { programmeId } = await this.programmes.entry(me, entryId);
    return runForm(
      lang,
      async () => {
        await this.programmes.start(me, entryId);
        return `/audit-programmes/${programmeId}?flash=audit_started`;
      },
      (problem) =>
        this.programme(me, programmeId, lang, { problem, posted: {}, form: 'action', entryId }),
      (refusal) => refusal.status,
    );
  }

  async postpone(me: Principal, entryId: string, lang: Language, form: Posted<PostponeForm>) {
    const { programmeId } = await this.programmes.entry(me, entryId);
    return form.submit(
      async ({ postponedReason }) => {
        await this.programmes.updateEntry(me, entryId, { status: 'postponed', postponedReason });
        return `/audit-programmes/${programmeId}?flash=audit_postponed`;
      },
      (again) => this.programme(me, programmeId, lang, { ...again, form: 'action', entryId }),
      (refusal) => refusal.status,
    );
  }
}
