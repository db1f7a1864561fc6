import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import type { Page } from '../common/pagination.js';
import { AuditEventsQuery } from './audit-events.dto.js';
import { AuditLogService, type AuditEventView } from './audit-log.service.js';
import { AuditEventPageResponse } from '../openapi/accounts.responses.js';

@ApiTags('audit')
@Controller('api/audit-events')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @Access('audit.read')
  @ApiOperation({
    summary: 'Who changed what, newest first; filters entity, entityId, actor, since, until',
  })
  @ApiOkResponse({ type: AuditEventPageResponse })
  list(
    @CurrentUser() me: Principal,
    @Query() query: AuditEventsQuery,
  ): Promise<Page<AuditEventView>> {
    return this.audit.list(me, query);
  }
}
