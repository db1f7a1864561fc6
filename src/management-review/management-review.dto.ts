import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDay, Optional, OptionalNullable } from '../common/validators.js';
import {
  RECORD_LINK_KINDS,
  REVIEW_INPUT_CODES,
  type RecordLinkKind,
  type ReviewInputCode,
} from './review-rules.js';

export const MAX_TEXT = 4000;
export const MAX_ATTENDEES = 60;
export const MAX_LINKS = 20;

export class RecordLinkDto {
  @ApiProperty({ enum: RECORD_LINK_KINDS })
  @IsIn(RECORD_LINK_KINDS)
  kind!: RecordLinkKind;

  @ApiProperty({ description: 'id of a record of the same unit' })
  @IsUUID()
  id!: string;
}

export class ReviewInputDto {
  @ApiProperty({ enum: REVIEW_INPUT_CODES, description: 'the 9.3.2 input' })
  @IsIn(REVIEW_INPUT_CODES)
  code!: ReviewInputCode;

  @ApiPropertyOptional()
  @IsBoolean()
  @Optional()
  discussed?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsString()
  @MaxLength(MAX_TEXT)
  @OptionalNullable()
  note?: string | null;

  @ApiPropertyOptional({ type: [RecordLinkDto], description: 'Mutu records discussed' })
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @ValidateNested({ each: true })
  @Type(() => RecordLinkDto)
  @Optional()
  links?: RecordLinkDto[];
}

export class CreateReviewDto {
  @ApiPropertyOptional({ example: 'Rapat Tinjauan Manajemen Semester I 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  title?: string;

  @ApiProperty({ example: '2026-06-10' })
  @IsIsoDay()
  heldOn!: string;

  @ApiProperty({ example: 'dr. Maria Ludwina, Direktur RSUD S.K. Lerik' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  chair!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsArray()
  @ArrayMaxSize(MAX_ATTENDEES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  @Optional()
  attendees?: string[];
}

export class UpdateReviewDto {
  @ApiPropertyOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  title?: string;

  @ApiPropertyOptional({ example: '2026-06-10' })
  @IsIsoDay()
  @Optional()
  heldOn?: string;

  @ApiPropertyOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Optional()
  chair?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsArray()
  @ArrayMaxSize(MAX_ATTENDEES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  @Optional()
  attendees?: string[];

  @ApiPropertyOptional({
    type: [ReviewInputDto],
    description: 'checklist items to change, by code; the others stay as they are',
  })
  @IsArray()
  @ArrayMaxSize(REVIEW_INPUT_CODES.length)
  @ValidateNested({ each: true })
  @Type(() => ReviewInputDto)
  @Optional()
  inputs?: ReviewInputDto[];
}

export class CreateDecisionDto {
  @ApiProperty({ example: 'Menambah satu loket pendaftaran rawat jalan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  decision!: string;

  @ApiPropertyOptional({ nullable: true, description: 'the action to take, if any' })
  @IsString()
  @MaxLength(MAX_TEXT)
  @OptionalNullable()
  action?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'required with an action' })
  @IsString()
  @MaxLength(200)
  @OptionalNullable()
  owner?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '2026-08-31',
    description: 'required with an action',
  })
  @IsIsoDay()
  @OptionalNullable()
  dueOn?: string | null;
}

export class CompleteActionDto {
  @ApiPropertyOptional({ nullable: true, description: 'what was done' })
  @IsString()
  @MaxLength(MAX_TEXT)
  @OptionalNullable()
  note?: string | null;
}
