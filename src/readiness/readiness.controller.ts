import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import type { Page } from '../common/pagination.js';
import { IdParam } from '../common/params.js';
import type { Language } from '../i18n/i18n.js';
import {
  HistoryQuery,
  NationalReadinessQuery,
  OrganisationReadinessQuery,
} from './readiness.dto.js';
import { withBlockerMessages, type WithBlockerMessages } from './blocker-texts.js';
import {
  ReadinessService,
  unitListing,
  type OrganisationReadinessView,
  type OrganisationUnitListing,
  type OrganisationSummaryView,
  type SnapshotView,
  type UnitReadinessView,
} from './readiness.service.js';
import { RequestLanguage } from '../common/request-language.js';
import {
  OrganisationReadinessResponse,
  OrganisationSummaryPageResponse,
  SnapshotPageResponse,
  UnitReadinessResponse,
} from '../openapi/readiness.responses.js';

type OrganisationAnswer = Omit<OrganisationReadinessView, 'units'> & {
  units: OrganisationUnitListing[];
};

@ApiTags('readiness')
@Controller('api')
@Access('units.read')
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('units/:id/readiness')
  @ApiOperation({
    summary:
      'Readiness of a unit: score, ready for certification, blockers (in your language), clause groups',
  })
  @ApiOkResponse({ type: UnitReadinessResponse })
  unit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @RequestLanguage() lang: Language,
  ): Promise<WithBlockerMessages<UnitReadinessView>> {
    return this.readiness.unit(me, id).then((view) => withBlockerMessages(view, lang));
  }

  @Get('units/:id/readiness/history')
  @ApiOperation({ summary: 'Readiness snapshots of a unit, newest first (the trend)' })
  @ApiOkResponse({ type: SnapshotPageResponse })
  history(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: HistoryQuery,
  ): Promise<Page<SnapshotView>> {
    return this.readiness.history(me, id, query);
  }

  @Get('organisations/:id/readiness')
  @ApiOperation({
    summary:
      'Readiness of the units of a local government that you may see: totals over all, one page of units (each with its blockers counted and named by kind; readinessUrl has them in full)',
  })
  @ApiOkResponse({ type: OrganisationReadinessResponse })
  async organisation(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Query() query: OrganisationReadinessQuery,
  ): Promise<OrganisationAnswer> {
    const view = await this.readiness.organisation(me, id, query);
    return { ...view, units: view.units.map(unitListing) };
  }

  @Get('readiness/organisations')
  @ApiOperation({
    summary:
      'Every local government you may see with the summary of its units (all of them for a national administrator)',
  })
  @ApiOkResponse({ type: OrganisationSummaryPageResponse })
  organisations(
    @CurrentUser() me: Principal,
    @Query() query: NationalReadinessQuery,
  ): Promise<Page<OrganisationSummaryView>> {
    return this.readiness.organisations(me, query);
  }
}
