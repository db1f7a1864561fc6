import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsIsoDay, Optional, OptionalNullable, Trim, TrimToNull } from '../common/validators.js';
import { MAX_SCALE, MIN_SCALE } from './risk-rules.js';
import {
  ALL_TREATMENTS,
  RISK_KINDS,
  RISK_LEVELS,
  type RiskKind,
  type RiskLevel,
  type Treatment,
} from './risk-types.js';

const LONG = 2000;

/**
 * The fields of a register entry that may change. Likelihood and impact are bounded here by the
 * largest scale any matrix may have; the service checks them against the organisation's own scale
 * (a 400 naming the field, rule outsideScale).
 */
export class RiskFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Pelayanan KTP-el' })
  @TrimToNull()
  @IsString()
  @MaxLength(200)
  @OptionalNullable()
  process?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '8.5.1',
    description: 'the ISO 9001 clause concerned',
  })
  @Matches(/^\d{1,3}(\.\d{1,3}){0,5}$/)
  @OptionalNullable()
  clauseNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @TrimToNull()
  @IsString()
  @MaxLength(LONG)
  @OptionalNullable()
  cause?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @TrimToNull()
  @IsString()
  @MaxLength(LONG)
  @OptionalNullable()
  effect?: string | null;

  @ApiPropertyOptional({
    enum: ALL_TREATMENTS,
    description:
      'risks: avoid, reduce, accept, transfer; opportunities: exploit, enhance, share, accept',
  })
  @IsIn(ALL_TREATMENTS)
  @OptionalNullable()
  treatment?: Treatment | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'what is done, by when' })
  @TrimToNull()
  @IsString()
  @MaxLength(LONG)
  @OptionalNullable()
  treatmentPlan?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Kepala Bidang Pelayanan' })
  @TrimToNull()
  @IsString()
  @MaxLength(120)
  @OptionalNullable()
  owner?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-03-31',
    description: 'when the treatment is due',
  })
  @IsIsoDay()
  @OptionalNullable()
  dueOn?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 2,
    description: 'likelihood after treatment',
  })
  @Max(MAX_SCALE)
  @Min(1)
  @IsInt()
  @OptionalNullable()
  residualLikelihood?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 2,
    description: 'impact after treatment',
  })
  @Max(MAX_SCALE)
  @Min(1)
  @IsInt()
  @OptionalNullable()
  residualImpact?: number | null;
}

/** A new entry of the register. */
export class CreateRiskDto extends RiskFieldsDto {
  @ApiProperty({ enum: RISK_KINDS })
  @IsIn(RISK_KINDS)
  kind!: RiskKind;

  @ApiProperty({ example: 'Antrean loket melebihi kapasitas ruang tunggu' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({
    example: 3,
    minimum: 1,
    description: '1 to the scale of the organisation’s matrix (5 by default)',
  })
  @Max(MAX_SCALE)
  @Min(1)
  @IsInt()
  likelihood!: number;

  @ApiProperty({
    example: 4,
    minimum: 1,
    description: '1 to the scale of the organisation’s matrix (5 by default)',
  })
  @Max(MAX_SCALE)
  @Min(1)
  @IsInt()
  impact!: number;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description:
      'the day the entry was last reviewed (not after today); today when left out on creation',
  })
  @IsIsoDay()
  @Optional()
  reviewedOn?: string;
}

/** A change of an entry: only the fields sent change (null clears a nullable one). */
export class UpdateRiskDto extends RiskFieldsDto {
  @ApiPropertyOptional({ example: 'Antrean loket melebihi kapasitas ruang tunggu' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  title?: string;

  @ApiPropertyOptional({
    example: 3,
    minimum: 1,
    description: '1 to the scale of the organisation’s matrix (5 by default)',
  })
  @Max(MAX_SCALE)
  @Min(1)
  @IsInt()
  @Optional()
  likelihood?: number;

  @ApiPropertyOptional({
    example: 4,
    minimum: 1,
    description: '1 to the scale of the organisation’s matrix (5 by default)',
  })
  @Max(MAX_SCALE)
  @Min(1)
  @IsInt()
  @Optional()
  impact?: number;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description:
      'the day the entry was last reviewed (not after today); today when left out on creation',
  })
  @IsIsoDay()
  @Optional()
  reviewedOn?: string;
}

/** An organisation's own matrix: `cells[likelihood - 1][impact - 1]`, levels never falling. */
export class RiskMatrixDto {
  @ApiProperty({ example: 5, minimum: MIN_SCALE, maximum: MAX_SCALE })
  @Max(MAX_SCALE)
  @Min(MIN_SCALE)
  @IsInt()
  scale!: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string', enum: [...RISK_LEVELS] } },
    example: [
      ['low', 'low', 'low', 'low', 'medium'],
      ['low', 'low', 'medium', 'medium', 'high'],
      ['low', 'medium', 'medium', 'high', 'high'],
      ['low', 'medium', 'high', 'high', 'extreme'],
      ['medium', 'high', 'high', 'extreme', 'extreme'],
    ],
  })
  @IsArray()
  @ArrayMaxSize(MAX_SCALE)
  cells!: RiskLevel[][];
}
