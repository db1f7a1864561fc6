import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { Optional, OptionalNullable, Trim, TrimToNull } from '../common/validators.js';
import { DIRECTIONS, FREQUENCIES, type Direction, type Frequency } from './objective-types.js';

/** Largest magnitude of a target, baseline or measured value (held in thousandths). */
export const MAX_VALUE = 1_000_000;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|S[12])$/;

/** A number with at most three decimals within ±MAX_VALUE. */
const Amount = (): PropertyDecorator =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }),
    Min(-MAX_VALUE),
    Max(MAX_VALUE),
  );

class ObjectiveFieldsDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Kepala Instalasi Rawat Jalan',
    description: 'who answers for it',
  })
  @TrimToNull()
  @IsString()
  @MaxLength(120)
  @OptionalNullable()
  owner?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'IKU-3.2',
    description: 'the city’s SAKIP performance indicator (IKU) code',
  })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./ -]{0,39}$/)
  @OptionalNullable()
  ikuCode?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 75,
    description: 'where the indicator stood before',
  })
  @Amount()
  @OptionalNullable()
  baseline?: number | null;
}

export class CreateObjectiveDto extends ObjectiveFieldsDto {
  @ApiProperty({ example: 'Waktu tunggu rawat jalan tidak lebih dari 60 menit' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  statement!: string;

  @ApiProperty({ example: 'Rata-rata waktu tunggu rawat jalan' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  indicator!: string;

  @ApiProperty({ example: 'menit' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  unitOfMeasure!: string;

  @ApiProperty({ example: 60 })
  @Amount()
  target!: number;

  @ApiProperty({ enum: DIRECTIONS, description: 'at_least: ≥ target; at_most: ≤ target' })
  @IsIn(DIRECTIONS)
  direction!: Direction;

  @ApiProperty({ enum: FREQUENCIES })
  @IsIn(FREQUENCIES)
  frequency!: Frequency;

  @ApiPropertyOptional({
    example: '2026-01',
    description:
      'first period measured (2026-01, 2026-Q1 or 2026-S1 by frequency); the current one when left out',
  })
  @Matches(PERIOD)
  @Optional()
  firstPeriod?: string;
}

/** A change of an objective; its frequency stays (its measurements are keyed by it). */
export class UpdateObjectiveDto extends ObjectiveFieldsDto {
  @ApiPropertyOptional({ example: 'Waktu tunggu rawat jalan tidak lebih dari 60 menit' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  statement?: string;

  @ApiPropertyOptional({ example: 'Rata-rata waktu tunggu rawat jalan' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  indicator?: string;

  @ApiPropertyOptional({ example: 'menit' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @Optional()
  unitOfMeasure?: string;

  @ApiPropertyOptional({ example: 60 })
  @Amount()
  @Optional()
  target?: number;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsIn(DIRECTIONS)
  @Optional()
  direction?: Direction;

  @ApiPropertyOptional({ example: '2026-01' })
  @Matches(PERIOD)
  @Optional()
  firstPeriod?: string;
}

export class CorrectMeasurementDto {
  @ApiProperty({ example: 55.5 })
  @Amount()
  value!: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Rekap SIMRS bulan Oktober' })
  @TrimToNull()
  @IsString()
  @MaxLength(1000)
  @OptionalNullable()
  note?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'an evidence item of the same unit',
  })
  @IsUUID('all')
  @OptionalNullable()
  evidenceId?: string | null;
}

export class RecordMeasurementDto extends CorrectMeasurementDto {
  @ApiProperty({
    example: '2026-10',
    description: '2026-10 (monthly), 2026-Q3 or 2026-S1 by the objective’s frequency',
  })
  @Matches(PERIOD)
  period!: string;
}
