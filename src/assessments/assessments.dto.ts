import { Optional, OptionalIdList, OptionalNullable } from '../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { LANGUAGES, type Language } from '../i18n/i18n.js';
import {
  ASSESSMENT_STATES,
  ASSESSMENT_TYPES,
  RATINGS,
  type AssessmentState,
  type AssessmentType,
  type Rating,
} from './assessment-types.js';
import { IsIsoDay } from '../common/validators.js';
import { MAX_RATING_TEXT } from './rating-rules.js';

export class CreateAssessmentDto {
  @ApiProperty({ enum: ASSESSMENT_TYPES })
  @IsIn(ASSESSMENT_TYPES)
  type!: AssessmentType;

  @ApiProperty({ example: 'Gap assessment ISO 9001:2015 — Dinas Dukcapil' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: '2026-11-23' })
  @IsIsoDay()
  startsOn!: string;

  @ApiPropertyOptional({ example: '2026-11-27' })
  @IsIsoDay()
  @OptionalNullable()
  endsOn?: string | null;

  @ApiPropertyOptional({ description: 'services and sites covered' })
  @IsString()
  @MaxLength(MAX_RATING_TEXT)
  @OptionalNullable()
  scope?: string | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'assessor user ids; an assessor creating a cycle is assigned when left out',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  @Optional()
  assessorIds?: string[];

  @ApiPropertyOptional({
    description: 'start from the ratings of this earlier cycle of the same unit and standard',
  })
  @IsUUID()
  @Optional()
  previousAssessmentId?: string;

  @ApiPropertyOptional({ default: 'iso-9001-2015', description: 'standard code' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/)
  @Optional()
  standard?: string;
}

export class UpdateAssessmentDto {
  @ApiPropertyOptional({
    enum: ASSESSMENT_STATES,
    description: 'only draft → in_progress; reported is set by issuing a report',
  })
  @IsIn(ASSESSMENT_STATES)
  @Optional()
  state?: AssessmentState;

  @ApiPropertyOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsString()
  @MaxLength(MAX_RATING_TEXT)
  @OptionalNullable()
  scope?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-11-27' })
  @IsIsoDay()
  @OptionalNullable()
  endsOn?: string | null;

  @OptionalIdList(20)
  assessorIds?: string[];
}

export class RateClauseDto {
  @ApiProperty({ description: 'false when the clause does not apply (needs a justification)' })
  @IsBoolean()
  applicable!: boolean;

  @ApiPropertyOptional({ enum: RATINGS, description: 'required when applicable' })
  @IsIn(RATINGS)
  @OptionalNullable()
  rating?: Rating | null;

  @ApiPropertyOptional({ nullable: true })
  @IsString()
  @MaxLength(MAX_RATING_TEXT)
  @OptionalNullable()
  note?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'why the clause does not apply (ISO 9001 clause 4.3)',
  })
  @IsString()
  @MaxLength(MAX_RATING_TEXT)
  @OptionalNullable()
  justification?: string | null;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'column headers and labels' })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;

  @ApiPropertyOptional({ enum: ['clauses', 'findings'], default: 'clauses' })
  @IsIn(['clauses', 'findings'])
  @Optional()
  part?: 'clauses' | 'findings';
}

export class LanguageQuery {
  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}
