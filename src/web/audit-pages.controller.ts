import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuditEventsQuery } from '../audit-log/audit-events.dto.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { translate } from '../i18n/i18n.js';
import { AUDITED_ENTITIES, auditRow } from './audit-rows.js';
import { validateForm, type FormBody } from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

const PAGE_SIZE = 50;

/** The audit trail as a page: who changed what, newest first, within the reader's scope. */
@ApiExcludeController()
@Controller('audit')
export class AuditPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly audit: AuditLogService,
  ) {}

  @Get()
  @Access('audit.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async trail(
    @CurrentUser() me: Principal,
    @Query() raw: FormBody,
    @Req() req: WebRequest,
  ): Promise<string> {
    const frame = frameFor(req, 'audit.title');
    // The filter form sends "entity=" for "all": empty fields mean no filter.
    const given = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => k !== 'flash' && v !== ''),
    );
    const query = validateForm(AuditEventsQuery, { pageSize: String(PAGE_SIZE), ...given });
    const page = await this.audit.list(me, query);
    const link = (n: number): string =>
      `/audit?${new URLSearchParams({ ...given, page: String(n) }).toString()}`;
    const from = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
    return this.pages.render(
      'audit',
      {
        page,
        from,
        to: Math.min(page.total, page.page * page.pageSize),
        rows: page.items.map((e) => auditRow(e, frame.lang, me.role)),
        query: { entity: query.entity ?? '', entityId: query.entityId ?? '' },
        entities: AUDITED_ENTITIES.map((e) => ({
          value: e,
          label: translate(frame.lang, `entity.${e}`),
        })),
        prev: page.page > 1 ? link(page.page - 1) : null,
        next: page.page * page.pageSize < page.total ? link(page.page + 1) : null,
      },
      frame,
    );
  }
}
