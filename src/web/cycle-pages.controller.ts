import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ASSESSMENT_TYPES } from '../assessments/assessment-types.js';
import { CreateAssessmentDto, UpdateAssessmentDto } from '../assessments/assessments.dto.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { Access } from '../auth/access.decorator.js';
import { defaultCycleTeam } from '../auth/principal-rules.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { todayInZone } from '../common/dates.js';
import { IdParam } from '../common/params.js';
import { activeUnitOptions, AdminPage, assessorOption } from './admin-page.js';
import {
  asList,
  blankToNull,
  choices,
  fieldErrors,
  submitForm,
  validateForm,
  type FormBody,
  type FormError,
  Form,
} from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';
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

/** Assessment cycles: the list, a new cycle for a unit, and a cycle's settings (title, team, start). */
@ApiExcludeController()
@Controller('assessments')
export class CyclePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly work: WorkPage,
    private readonly admin: AdminPage,
    private readonly assessments: AssessmentsService,
  ) {}

  @Get()
  @Access('assessments.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(@CurrentUser() me: Principal, @Req() req: WebRequest): Promise<string> {
    return this.renderList(me, req, null, null);
  }

  @Post()
  @Access('assessments.manage')
  async create(
    @CurrentUser() me: Principal,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        const unitId = typeof body.unitId === 'string' ? body.unitId : '';
        // "Start from the current cycle's ratings": the unit's most recent cycle, if it has one.
        const previous =
          body.copyPrevious === 'yes' && unitId
            ? (await this.assessments.list(me, unitId))[0]?.id
            : undefined;
        const dto = validateForm(CreateAssessmentDto, {
          type: body.type,
          title: body.title,
          startsOn: body.startsOn,
          endsOn: blankToNull(body.endsOn) ?? undefined,
          scope: blankToNull(body.scope) ?? undefined,
          assessorIds: asList(body.assessorIds),
          ...(previous ? { previousAssessmentId: previous } : {}),
        });
        const cycle = await this.assessments.create(me, unitId, dto);
        return `/assessments/${cycle.id}?flash=cycle_created`;
      },
      (problem) => this.renderList(me, req, problem, body),
    );
  }

  @Get(':id/settings')
  @Access('assessments.manage')
  @Header('Content-Type', 'text/html; charset=utf-8')
  settings(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.renderSettings(me, id, req, null, null);
  }

  @Post(':id/settings')
  @Access('assessments.manage')
  async saveSettings(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Form() body: FormBody,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    await submitForm(
      req,
      res,
      async () => {
        // Two forms post here: the start button (state only) and the details form.
        const dto = validateForm(
          UpdateAssessmentDto,
          body.state !== undefined
            ? { state: body.state }
            : {
                title: body.title,
                scope: blankToNull(body.scope) as string,
                endsOn: blankToNull(body.endsOn) as string,
                assessorIds: asList(body.assessorIds),
              },
        );
        await this.assessments.update(me, id, dto);
        return `/assessments/${id}/settings?flash=${dto.state ? 'cycle_started' : 'cycle_saved'}`;
      },
      (problem) => this.renderSettings(me, id, req, problem, body),
    );
  }

  private async renderList(
    me: Principal,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'assessments.title');
    const assessors = await this.admin.assessorOptions(me);
    // An assessor starting a cycle is on its team unless they untick themselves.
    const ticked = form ? asList(form.assessorIds) : defaultCycleTeam(me);
    return this.pages.render(
      'assessments',
      {
        assessments: await this.work.assessmentsOf(me),
        units: activeUnitOptions(await this.admin.units(me)),
        types: ASSESSMENT_TYPES,
        assessors: choices(assessors, ticked),
        error,
        errors: fieldErrors(CYCLE_FIELDS, error),
        form: {
          unitId: '',
          type: 'gap_assessment',
          title: '',
          startsOn: todayInZone(new Date()),
          endsOn: '',
          scope: '',
          copyPrevious: 'yes',
          ...form,
        },
      },
      frame,
    );
  }

  private async renderSettings(
    me: Principal,
    id: string,
    req: WebRequest,
    error: FormError | null,
    form: FormBody | null,
  ): Promise<string> {
    const frame = frameFor(req, 'cycle.settings_title');
    const cycle = await this.assessments.detail(me, id);
    const assessors = await this.admin.assessorOptions(me);
    // Assigned assessors stay choosable even when they are of another organisation.
    for (const a of cycle.assessors)
      if (!assessors.some((o) => o.value === a.id)) assessors.push(assessorOption(a));
    const ticked =
      form && form.state === undefined
        ? asList(form.assessorIds)
        : cycle.assessors.map((a) => a.id);
    return this.pages.render(
      'cycle-settings',
      {
        cycle,
        assessors: choices(assessors, ticked),
        canStart: cycle.state === 'draft',
        editable: cycle.state !== 'reported',
        error,
        errors: fieldErrors(CYCLE_FIELDS, error),
        form: {
          title: cycle.title,
          scope: cycle.scope ?? '',
          endsOn: cycle.endsOn ?? '',
          ...(form && form.state === undefined ? form : {}),
        },
      },
      { ...frame, title: cycle.title },
    );
  }
}
