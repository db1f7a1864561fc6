import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsIsoDay, Optional } from '../common/validators.js';
import { PageNumberQuery, PageQuery } from '../common/pagination.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';

export class HistoryQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-10-01', description: 'from this day on (WITA)' })
  @IsIsoDay()
  @Optional()
  since?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}

export const UNIT_SORTS = ['code', 'name', 'score'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const UNIT_FILTERS = ['ready', 'not_ready', 'overdue'] as const;
export type UnitFilter = (typeof UNIT_FILTERS)[number];
export const MAX_READINESS_LIMIT = 500;

/** One page of an organisation's units; the totals always cover all of them. */
export class OrganisationReadinessQuery extends PageNumberQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: MAX_READINESS_LIMIT })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_READINESS_LIMIT)
  @Optional()
  limit: number = 100;

  @ApiPropertyOptional({ enum: UNIT_SORTS, default: 'code' })
  @IsIn(UNIT_SORTS)
  @Optional()
  sort: UnitSort = 'code';

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'asc' })
  @IsIn(SORT_ORDERS)
  @Optional()
  order: SortOrder = 'asc';

  @ApiPropertyOptional({
    enum: UNIT_FILTERS,
    description: 'ready, not ready, or with overdue corrective actions',
  })
  @IsIn(UNIT_FILTERS)
  @Optional()
  filter?: UnitFilter;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description:
      'accepted for links that carry it; the list has no words (readinessUrl has the blockers in your language)',
  })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}

export const ORGANISATION_SORTS = ['code', 'name', 'score'] as const;
export type OrganisationSort = (typeof ORGANISATION_SORTS)[number];

/** The national list: one page of organisations with their summaries. */
export class NationalReadinessQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_SORTS, default: 'code' })
  @IsIn(ORGANISATION_SORTS)
  @Optional()
  sort: OrganisationSort = 'code';

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'asc' })
  @IsIn(SORT_ORDERS)
  @Optional()
  order: SortOrder = 'asc';

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}
