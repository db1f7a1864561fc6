import { Injectable } from '@nestjs/common';
import { ASSESSMENT_TYPES } from '../assessments/assessment-types.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { defaultCycleTeam } from '../auth/principal-rules.js';
import type { Principal } from '../auth/principal.js';
import { todayInZone } from '../common/dates.js';
import { activeUnitOptions, AdminPage, assessorOption } from './admin-page.js';
import type { CreateCycleForm, CycleSettingsForm } from './cycle-forms.js';
import { asList, choices, fieldErrors, type Again, type Posted } from './forms.js';
import { WorkPage } from './work-page.js';

const CYCLE_FIELDS = [
  'unitId',
  'type',
  'title',
  'startsOn',
  'endsOn',
  'scope',
  'assessorIds',
  'previousAssessmentId',
];

/** templates/pages/assessments.hbs (the cycles, a new one) and cycle-settings.hbs (one cycle's). */
@Injectable()
export class CyclePage {
  constructor(
    private readonly work: WorkPage,
    private readonly admin: AdminPage,
    private readonly assessments: AssessmentsService,
  ) {}

  async list(me: Principal, again: Again | null = null) {
    const assessors = await this.admin.assessorOptions(me);
    // An assessor starting a cycle is on its team unless they untick themselves.
    const ticked = again ? asList(again.posted.assessorIds) : defaultCycleTeam(me);
    return {
      assessments: await this.work.assessmentsOf(me),
      units: activeUnitOptions(await this.admin.units(me)),
      types: ASSESSMENT_TYPES,
      assessors: choices(assessors, ticked),
      error: again?.problem ?? null,
      errors: fieldErrors(CYCLE_FIELDS, again?.problem ?? null),
      form: {
        unitId: '',
        type: 'gap_assessment',
        title: '',
        startsOn: todayInZone(new Date()),
        endsOn: '',
        scope: '',
        copyPrevious: 'yes',
        ...again?.posted,
      },
    };
  }

  create(me: Principal, form: Posted<CreateCycleForm>) {
    return form.submit(
      async ({ unitId, copyPrevious, ...dto }) => {
        const cycle = await this.assessments.createCopyingLatest(me, unitId, dto, !!copyPrevious);
        return `/assessments/${cycle.id}?flash=cycle_created`;
      },
      (again) => this.list(me, again),
    );
  }

  async settings(me: Principal, id: string, again: Again | null = null) {
    const cycle = await this.assessments.detail(me, id);
    const assessors = await this.admin.assessorOptions(me);
    // Assigned assessors stay choosable even when they are of another organisation.
    for (const a of cycle.assessors)
      if (!assessors.some((o) => o.value === a.id)) assessors.push(assessorOption(a));
    // What the details form posted comes back; the start button's refusal leaves it as stored.
    const typed = again && again.posted.state === undefined ? again.posted : null;
    return {
      pageTitle: cycle.title,
      cycle,
      assessors: choices(
        assessors,
        typed ? asList(typed.assessorIds) : cycle.assessors.map((a) => a.id),
      ),
      canStart: cycle.state === 'draft',
      editable: cycle.state !== 'reported',
      error: again?.problem ?? null,
      errors: fieldErrors(CYCLE_FIELDS, again?.problem ?? null),
      form: { title: cycle.title, scope: cycle.scope ?? '', endsOn: cycle.endsOn ?? '', ...typed },
    };
  }

  saveSettings(me: Principal, id: string, form: Posted<CycleSettingsForm>) {
    return form.submit(
      async (dto) => {
        await this.assessments.update(me, id, dto);
        return `/assessments/${id}/settings?flash=${dto.state ? 'cycle_started' : 'cycle_saved'}`;
      },
      (again) => this.settings(me, id, again),
    );
  }
}
