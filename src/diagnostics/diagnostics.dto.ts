import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalIdList, OptionalNullable, Optional, TrimToNull } from '../common/validators.js';
import {
  DIAGNOSTIC_RATINGS,
  FIRST_PERIOD,
  LAST_PERIOD,
  type DiagnosticRating,
} from './diagnostic-rules.js';

export const MAX_NOTE = 2000;
export const MAX_EVIDENCE_LINKS = 20;
export const DEFAULT_DIAGNOSTIC_CATALOGUE = 'iso-18091-annex-a-demo';

export class CreateDiagnosticDto {
  @ApiProperty({ example: 2026, description: 'the year the diagnostic covers' })
  @IsInt()
  @Min(FIRST_PERIOD)
  @Max(LAST_PERIOD)
  period!: number;

  @ApiPropertyOptional({
    default: DEFAULT_DIAGNOSTIC_CATALOGUE,
    description: 'indicator catalogue code; its newest loaded version is used',
  })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/)
  @Optional()
  catalogue?: string;

  @ApiPropertyOptional({ nullable: true, example: 'Self-diagnostic with the university team' })
  @IsString()
  @MaxLength(200)
  @TrimToNull()
  @OptionalNullable()
  label?: string | null;
}

/** Fields left out keep their value; null clears (rating null = not rated). */
export class RateIndicatorDto {
  @ApiPropertyOptional({ enum: DIAGNOSTIC_RATINGS, nullable: true })
  @IsIn(DIAGNOSTIC_RATINGS)
  @OptionalNullable()
  rating?: DiagnosticRating | null;

  @ApiPropertyOptional({ nullable: true, maxLength: MAX_NOTE })
  @IsString()
  @MaxLength(MAX_NOTE)
  @TrimToNull()
  @OptionalNullable()
  note?: string | null;

  @OptionalIdList(MAX_EVIDENCE_LINKS)
  evidenceIds?: string[];
}
