import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDay } from '../common/validators.js';
import { PageQuery } from '../common/pagination.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';

export class HistoryQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-10-01', description: 'from this day on (WITA)' })
  @IsOptional()
  @IsIsoDay()
  since?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}
