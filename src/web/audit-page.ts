import { Injectable } from '@nestjs/common';
import { AuditEventsQuery } from '../audit-log/audit-events.dto.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import type { Principal } from '../auth/principal.js';
import { translate, type Language } from '../i18n/i18n.js';
import { AUDITED_ENTITIES, auditRow } from './audit-rows.js';
import { validateForm, type FormBody } from './forms.js';

const PAGE_SIZE = 50;

/** templates/pages/audit.hbs: who changed what, newest first, within the reader's scope. */
@Injectable()
export class AuditPage {
  constructor(private readonly audit: AuditLogService) {}

  async trail(me: Principal, lang: Language, raw: FormBody) {
    // The filter form sends "entity=" for "all": empty fields mean no filter.
    const given = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => k !== 'flash' && v !== ''),
    );
    const query = validateForm(AuditEventsQuery, { pageSize: String(PAGE_SIZE), ...given });
    const page = await this.audit.list(me, query);
    const link = (n: number): string =>
      `/audit?${new URLSearchParams({ ...given, page: String(n) }).toString()}`;
    const from = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
    return {
      page,
      from,
      to: Math.min(page.total, page.page * page.pageSize),
      rows: page.items.map((e) => auditRow(e, lang, me.role)),
      query: { entity: query.entity ?? '', entityId: query.entityId ?? '' },
      entities: AUDITED_ENTITIES.map((e) => ({ value: e, label: translate(lang, `entity.${e}`) })),
      prev: page.page > 1 ? link(page.page - 1) : null,
      next: page.page * page.pageSize < page.total ? link(page.page + 1) : null,
    };
  }
}
