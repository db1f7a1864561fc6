import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import {
  AuditEntryResponse,
  AuditorResponse,
  AuditProgrammeResponse,
  AuditProgrammeSummaryResponse,
} from '../openapi/audit-programme.responses.js';
import { CreateEntryDto, CreateProgrammeDto, UpdateEntryDto } from './audit-programme.dto.js';
import { AuditProgrammeService } from './audit-programme.service.js';
import type {
  AuditorView,
  EntryView,
  ProgrammeSummaryView,
  ProgrammeView,
} from './programme-views.js';

@ApiTags('audit-programme')
@Controller('api')
export class AuditProgrammeController {
  constructor(private readonly programmes: AuditProgrammeService) {}

  @Get('organisations/:id/audit-programmes')
  @Access('organisations.read')
  @ApiOperation({ summary: "The organisation's internal audit programmes, newest year first" })
  @ApiOkResponse({ type: [AuditProgrammeSummaryResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<ProgrammeSummaryView[]> {
    return this.programmes.list(me, id);
  }

  @Post('organisations/:id/audit-programmes')
  @Access('audit_programme.manage')
  @ApiOperation({ summary: 'Create the programme of a year (one per organisation and year)' })
  @ApiCreatedResponse({ type: AuditProgrammeResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateProgrammeDto,
  ): Promise<ProgrammeView> {
    return this.programmes.create(me, id, dto);
  }

  @Get('audit-programmes/:id')
  @Access('organisations.read')
  @ApiOperation({
    summary:
      'A programme with its planned audits (of the units the caller sees): status, overdue, months',
  })
  @ApiOkResponse({ type: AuditProgrammeResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<ProgrammeView> {
    return this.programmes.get(me, id);
  }

  @Post('audit-programmes/:id/entries')
  @Access('audit_programme.manage')
  @ApiOperation({
    summary:
      'Plan an audit: unit, scope, dates, lead auditor and team (independent of the unit, or with a justified exception: 422 otherwise), criteria, method',
  })
  @ApiCreatedResponse({ type: AuditEntryResponse })
  addEntry(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateEntryDto,
  ): Promise<EntryView> {
    return this.programmes.addEntry(me, id, dto);
  }

  @Get('audit-programme-entries/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One planned audit' })
  @ApiOkResponse({ type: AuditEntryResponse })
  entry(@CurrentUser() me: Principal, @IdParam() id: string): Promise<EntryView> {
    return this.programmes.entry(me, id);
  }

  @Patch('audit-programme-entries/:id')
  @Access('audit_programme.manage')
  @ApiOperation({
    summary: 'Reschedule, rescope, change the team, postpone (with a reason) or plan again',
  })
  @ApiOkResponse({ type: AuditEntryResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateEntryDto,
  ): Promise<EntryView> {
    return this.programmes.updateEntry(me, id, dto);
  }

  @Post('audit-programme-entries/:id/start')
  @HttpCode(200)
  @Access('audit_programme.manage')
  @ApiOperation({
    summary:
      'Start a planned audit: creates its internal_audit assessment and links it; done when that assessment is reported',
  })
  @ApiOkResponse({ type: AuditEntryResponse })
  start(@CurrentUser() me: Principal, @IdParam() id: string): Promise<EntryView> {
    return this.programmes.start(me, id);
  }

  @Get('auditors')
  @Access('audit_programme.manage')
  @ApiOperation({ summary: 'Users who may be assigned as auditors (assessors, quality officers)' })
  @ApiOkResponse({ type: [AuditorResponse] })
  auditors(@CurrentUser() me: Principal): Promise<AuditorView[]> {
    return this.programmes.auditors(me);
  }
}
