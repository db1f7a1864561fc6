import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsIsoDay, Optional } from '../common/validators.js';
import { PageQuery } from '../common/pagination.js';
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
