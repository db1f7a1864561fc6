import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDay, Optional, OptionalNullable } from '../common/validators.js';
import { AUDIT_METHODS, MIN_JUSTIFICATION, type AuditMethod } from './programme-rules.js';

const CLAUSE = /^(?:[4-9]|10)(?:\.\d{1,2}){0,3}$/;
export const MAX_TEXT = 4000;
export const MAX_TEAM = 10;

export class CreateProgrammeDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ example: 'Program Audit Internal 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @Optional()
  title?: string;
}

export class IndependenceExceptionDto {
  @ApiProperty({ description: 'the auditor allowed despite the conflict' })
  @IsUUID()
  userId!: string;

  @ApiProperty({
    description: `why no independent auditor could be found (at least ${MIN_JUSTIFICATION} characters)`,
  })
  @IsString()
  @MinLength(MIN_JUSTIFICATION)
  @MaxLength(1000)
  justification!: string;
}

class EntryFields {
  @ApiPropertyOptional({ type: [String], example: ['7.5', '8.5.1'], description: 'clause numbers' })
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(CLAUSE, { each: true })
  @Optional()
  scopeClauses?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'processes or services audited',
  })
  @IsString()
  @MaxLength(MAX_TEXT)
  @OptionalNullable()
  scopeProcesses?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'the other auditors (user ids)' })
  @IsArray()
  @ArrayMaxSize(MAX_TEAM)
  @IsUUID('all', { each: true })
  @Optional()
  teamIds?: string[];

  @ApiPropertyOptional({ enum: AUDIT_METHODS })
  @IsIn(AUDIT_METHODS)
  @Optional()
  method?: AuditMethod;

  @ApiPropertyOptional({
    type: [IndependenceExceptionDto],
    description: 'auditors allowed despite a conflict of independence, each with a justification',
  })
  @IsArray()
  @ArrayMaxSize(MAX_TEAM + 1)
  @ValidateNested({ each: true })
  @Type(() => IndependenceExceptionDto)
  @Optional()
  independenceExceptions?: IndependenceExceptionDto[];
}

export class CreateEntryDto extends EntryFields {
  @ApiProperty()
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: '2026-03-02' })
  @IsIsoDay()
  plannedStartOn!: string;

  @ApiProperty({ example: '2026-03-04' })
  @IsIsoDay()
  plannedEndOn!: string;

  @ApiProperty({ description: 'user id of the lead auditor' })
  @IsUUID()
  leadAuditorId!: string;

  @ApiProperty({ example: 'ISO 9001:2015, SOP pelayanan, Permenpan RB 14/2017' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  criteria!: string;
}

export class UpdateEntryDto extends EntryFields {
  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsIsoDay()
  @Optional()
  plannedStartOn?: string;

  @ApiPropertyOptional({ example: '2026-03-04' })
  @IsIsoDay()
  @Optional()
  plannedEndOn?: string;

  @ApiPropertyOptional()
  @IsUUID()
  @Optional()
  leadAuditorId?: string;

  @ApiPropertyOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT)
  @Optional()
  criteria?: string;

  @ApiPropertyOptional({
    enum: ['planned', 'postponed'],
    description: 'postpone a planned audit (with postponedReason) or plan it again',
  })
  @IsIn(['planned', 'postponed'])
  @Optional()
  status?: 'planned' | 'postponed';

  @ApiPropertyOptional({ nullable: true, description: 'required to postpone' })
  @IsString()
  @MaxLength(1000)
  @OptionalNullable()
  postponedReason?: string | null;
}
