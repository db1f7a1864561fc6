import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsIsoDay, Optional, OptionalNullable, Trim, TrimToNull } from '../common/validators.js';
import { CLAUSE_NUMBER } from '../evidence/evidence.dto.js';
import {
  CONFIDENTIALITY,
  DOCUMENT_TYPES,
  REVISION_STATES,
  type Confidentiality,
  type DocumentType,
  type RevisionState,
} from './document-types.js';

/** Letters, digits and . / _ - : what a document number may hold (it appears in file names). */
export const DOCUMENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9./_-]{0,63}$/;

const clauseList = ({ value }: { value: unknown }): unknown => {
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return value;
  return [
    ...new Set(
      parts
        .flatMap((p) => p.split(','))
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
};

export class CreateDocumentDto {
  @ApiPropertyOptional({
    maxLength: 64,
    example: 'SOP/DUKCAPIL/007',
    description: "generated from the unit's pattern when left out",
  })
  @Trim()
  @Matches(DOCUMENT_NUMBER)
  @IsString()
  @Optional()
  number?: string;

  @ApiProperty({ maxLength: 300, example: 'SOP Penerbitan KTP-el' })
  @Trim()
  @MaxLength(300)
  @IsString()
  @IsNotEmpty()
  title!: string;

  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  @IsDefined()
  type!: DocumentType;

  @ApiProperty({ type: [String], example: ['8.5.1'], description: 'leaf clauses it serves' })
  @Transform(clauseList)
  @Matches(CLAUSE_NUMBER, { each: true })
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined()
  clauses!: string[];

  @ApiProperty({ minimum: 1, maximum: 60, example: 12, description: 'review every n months' })
  @Max(60)
  @Min(1)
  @IsInt()
  @IsDefined()
  reviewMonths!: number;

  @ApiPropertyOptional({ maxLength: 200, example: 'Kepala Bidang Pelayanan' })
  @TrimToNull()
  @MaxLength(200)
  @IsString()
  @OptionalNullable()
  owner?: string | null;

  @ApiPropertyOptional({ enum: CONFIDENTIALITY, default: 'internal' })
  @IsIn(CONFIDENTIALITY)
  @Optional()
  confidentiality?: Confidentiality;

  @ApiPropertyOptional({ description: 'held for the whole organisation (e.g. the quality policy)' })
  @IsBoolean()
  @Optional()
  organisationWide?: boolean;
}

export class UpdateDocumentDto {
  @ApiPropertyOptional({ maxLength: 64, example: 'SOP/DUKCAPIL/008' })
  @Trim()
  @Matches(DOCUMENT_NUMBER)
  @IsString()
  @Optional()
  number?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @Trim()
  @MaxLength(300)
  @IsString()
  @IsNotEmpty()
  @Optional()
  title?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  @Optional()
  type?: DocumentType;

  @ApiPropertyOptional({ type: [String] })
  @Transform(clauseList)
  @Matches(CLAUSE_NUMBER, { each: true })
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  @Optional()
  clauses?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @Max(60)
  @Min(1)
  @IsInt()
  @Optional()
  reviewMonths?: number;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @TrimToNull()
  @MaxLength(200)
  @IsString()
  @OptionalNullable()
  owner?: string | null;

  @ApiPropertyOptional({ enum: CONFIDENTIALITY })
  @IsIn(CONFIDENTIALITY)
  @Optional()
  confidentiality?: Confidentiality;

  @ApiPropertyOptional()
  @IsBoolean()
  @Optional()
  organisationWide?: boolean;
}

/** The form fields of a new revision (multipart, beside `file`). */
export class CreateRevisionFields {
  @ApiProperty({ maxLength: 2000, example: 'Alur verifikasi berkas disederhanakan' })
  @Trim()
  @MaxLength(2000)
  @IsString()
  @IsNotEmpty()
  summary!: string;
}

export class UpdateRevisionDto {
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @MaxLength(2000)
  @IsString()
  @IsNotEmpty()
  summary!: string;
}

/** Where a transition may lead (draft only back from review). */
export const TRANSITION_TARGETS = REVISION_STATES;

export class RevisionTransitionDto {
  @ApiProperty({ enum: TRANSITION_TARGETS })
  @IsIn(TRANSITION_TARGETS)
  @IsDefined()
  to!: RevisionState;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'approval statement when approving; reason when sending back or withdrawing',
  })
  @TrimToNull()
  @MaxLength(2000)
  @IsString()
  @OptionalNullable()
  note?: string | null;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'first day in force (default today)' })
  @IsIsoDay()
  @Optional()
  effectiveFrom?: string;
}

export class DocumentJudgementDto {
  @ApiProperty({ enum: ['accepted', 'rejected'] })
  @IsIn(['accepted', 'rejected'])
  @IsDefined()
  decision!: 'accepted' | 'rejected';

  @ApiPropertyOptional({ maxLength: 2000, description: 'required when rejecting' })
  @TrimToNull()
  @ValidateIf((o: DocumentJudgementDto) => o.decision === 'rejected' || o.reason != null)
  @MaxLength(2000)
  @IsString()
  @IsNotEmpty()
  reason?: string | null;
}

export class PeriodicReviewDto {
  @ApiPropertyOptional({ maxLength: 2000, example: 'Masih sesuai; tidak ada perubahan' })
  @TrimToNull()
  @MaxLength(2000)
  @IsString()
  @OptionalNullable()
  note?: string | null;
}

export class DistributionDto {
  @ApiProperty({
    type: [String],
    example: ['00000000-0000-4000-8000-000000000000'],
    description: 'users who must read the revision',
  })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(200)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined()
  userIds!: string[];
}
