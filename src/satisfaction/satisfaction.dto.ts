import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Optional } from '../common/validators.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';

const FLAG = ['0', '1', 'true', 'false'] as const;
export const isOn = (flag: string | undefined): boolean => flag === '1' || flag === 'true';

export class ImportSurveyQuery {
  @ApiProperty({ example: '2026-S1', description: 'YYYY, YYYY-S1 (January–June) or YYYY-S2' })
  @Matches(/^\d{4}(-S[12])?$/)
  period!: string;

  @ApiPropertyOptional({ enum: FLAG, description: 'validate and compute only; nothing is stored' })
  @IsIn(FLAG)
  @Optional()
  dryRun?: string;

  @ApiPropertyOptional({
    enum: FLAG,
    description: 'replace the survey of this period, or the one imported from the same file',
  })
  @IsIn(FLAG)
  @Optional()
  replace?: string;

  @ApiPropertyOptional({
    example: '80,00',
    description: 'the headline IKM the published report prints; recomputed and compared',
  })
  @Matches(/^\d{2,3}([.,]\d{1,2})?$/)
  @Optional()
  reportedIkm?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}
