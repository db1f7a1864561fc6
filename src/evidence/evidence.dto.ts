import { Param, type PipeTransform } from '@nestjs/common';
import { IsIsoDay, Optional, OptionalNullable, Trim, TrimToNull } from '../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  validate,
  ValidateIf,
} from 'class-validator';
import { ValidationFailed } from '../common/domain-error.js';
import { refuseNulCharacters } from '../common/nul-characters.js';
import { PageQuery } from '../common/pagination.js';
import { EVIDENCE_STATUSES, type EvidenceStatus } from './evidence-status.js';

export const CLAUSE_NUMBER = /^\d{1,2}(\.\d{1,2}){0,4}$/;
export const REVIEW_DECISIONS = ['accepted', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** "4.1, 5.3" or ["4.1", "5.3"] or ["4.1,5.3", "7.2"] → ["4.1", "5.3", "7.2"], without repeats. */
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
const booleanText = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
/** A flag in a link: "1" / "0" as well as "true" / "false". */
const flagText = ({ value }: { value: unknown }): unknown =>
  value === '1' ? true : value === '0' ? false : booleanText({ value });

// With stopAtFirstError, class-validator reports the LAST listed decorator that fails first:
// presence and type checks sit at the bottom so that a missing field reads "required", not "too long".

/** Fields of a new evidence item (multipart form fields, or JSON for an item without a file). */
export class CreateEvidenceFields {
  @ApiProperty({ maxLength: 300, example: 'SK Kepala Dinas tentang Ruang Lingkup SMM' })
  @Trim()
  @MaxLength(300)
  @IsString()
  @IsNotEmpty()
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @TrimToNull()
  @MaxLength(5000)
  @IsString()
  @OptionalNullable()
  description?: string | null;

  @ApiProperty({
    type: [String],
    example: ['4.3', '5.2.1'],
    description: 'leaf clause numbers of the unit’s standard: comma-separated or a repeated field',
  })
  @Transform(clauseList)
  @Matches(CLAUSE_NUMBER, { each: true })
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined()
  clauses!: string[];

  @ApiPropertyOptional({ example: '2027-12-31', description: 'last valid day (YYYY-MM-DD)' })
  @TrimToNull()
  @IsIsoDay()
  @OptionalNullable()
  validUntil?: string | null;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'where the physical document is kept; required when no file is uploaded',
  })
  @TrimToNull()
  @MaxLength(500)
  @IsString()
  @OptionalNullable()
  reference?: string | null;
}

/** A change to an evidence item; null clears description, validUntil or reference. */
export class UpdateEvidenceDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @Trim()
  @ValidateIf((o: UpdateEvidenceDto) => o.title !== undefined)
  @MaxLength(300)
  @IsString()
  @IsNotEmpty()
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @TrimToNull()
  @MaxLength(5000)
  @IsString()
  @OptionalNullable()
  description?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['9.1.2'] })
  @Transform(clauseList)
  @ValidateIf((o: UpdateEvidenceDto) => o.clauses !== undefined)
  @Matches(CLAUSE_NUMBER, { each: true })
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  clauses?: string[];

  @ApiPropertyOptional({ example: '2027-12-31', nullable: true })
  @TrimToNull()
  @IsIsoDay()
  @OptionalNullable()
  validUntil?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @TrimToNull()
  @MaxLength(500)
  @IsString()
  @OptionalNullable()
  reference?: string | null;
}

export class ReviewEvidenceDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'required when rejecting: what the officer must fix',
  })
  @TrimToNull()
  @ValidateIf((o: ReviewEvidenceDto) => o.decision === 'rejected' || o.reason != null)
  @MaxLength(2000)
  @IsString()
  @IsNotEmpty()
  reason?: string | null;
}

export class WithdrawEvidenceDto {
  @ApiProperty({ maxLength: 2000, example: 'Diganti SK yang baru' })
  @Trim()
  @MaxLength(2000)
  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export class EvidenceListQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '9.1',
    description: 'evidence for this clause or any of its sub-clauses',
  })
  @Matches(CLAUSE_NUMBER)
  @Optional()
  clause?: string;

  @ApiPropertyOptional({ enum: EVIDENCE_STATUSES })
  @IsIn(EVIDENCE_STATUSES)
  @Optional()
  status?: EvidenceStatus;

  @ApiPropertyOptional({ description: 'true: only expired; false: only unexpired' })
  @Transform(booleanText)
  @IsBoolean()
  @Optional()
  expired?: boolean;

  @ApiPropertyOptional({ description: 'true: include withdrawn items' })
  @Transform(booleanText)
  @IsBoolean()
  @Optional()
  withdrawn?: boolean;

  @ApiPropertyOptional({ description: 'text in the title or description' })
  @Trim()
  @MaxLength(200)
  @IsString()
  @Optional()
  q?: string;
}

export class FileQuery {
  @ApiPropertyOptional({
    enum: ['1', '0', 'true', 'false'],
    description:
      'show the file in the browser (Content-Disposition: inline) when it is a PDF or a PNG, JPEG or WebP image; any other type is downloaded all the same',
  })
  @Transform(flagText)
  @IsBoolean()
  @Optional()
  inline?: boolean;
}

/**
 * Validates fields that did not come through the global ValidationPipe (multipart form fields),
 * with the same options and the same error shape.
 */
export async function validateFields<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
): Promise<T> {
  refuseNulCharacters(plain);
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length > 0) throw ValidationFailed.fromValidator(errors);
  return dto;
}

class VersionNumberPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,5}$/.test(value))
      throw new ValidationFailed([{ field: this.name, rule: 'isInt' }]);
    return Number(value);
  }
}

/** A version number in the path (1, 2, 3 …); anything else is a 400 naming the parameter. */
export const VersionParam = (name = 'n'): ParameterDecorator =>
  Param(name, new VersionNumberPipe(name));
