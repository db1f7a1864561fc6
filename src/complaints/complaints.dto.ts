import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { IsIsoDay, Optional, Trim } from '../common/validators.js';
import { LANGUAGES, type Language } from '../i18n/i18n.js';

const FLAG = ['0', '1', 'true', 'false'] as const;

/** A column header named in a mapping. */
const Column = (): PropertyDecorator => applyDecorators(Optional(), IsString(), MaxLength(100));

export class ImportComplaintsQuery {
  @ApiPropertyOptional({
    example: 'lapor',
    description: 'the log source; its confirmed mapping is saved under this key (default lapor)',
  })
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/)
  @Optional()
  source?: string;

  @ApiPropertyOptional({ enum: FLAG, description: 'read and check only; nothing is stored' })
  @IsIn(FLAG)
  @Optional()
  dryRun?: string;

  @ApiPropertyOptional({
    enum: FLAG,
    description: 'accept the proposed default mapping (needed the first time a source is imported)',
  })
  @IsIn(FLAG)
  @Optional()
  confirm?: string;

  @ApiPropertyOptional({ description: 'header of the tracking id column', example: 'Nomor Tiket' })
  @Column()
  trackingId?: string;
  @ApiPropertyOptional({ description: 'header of the channel column' })
  @Column()
  channel?: string;
  @ApiPropertyOptional({ description: 'header of the category column' })
  @Column()
  category?: string;
  @ApiPropertyOptional({ description: 'header of the received date column' })
  @Column()
  received?: string;
  @ApiPropertyOptional({ description: 'header of the first response date column' })
  @Column()
  firstResponse?: string;
  @ApiPropertyOptional({ description: 'header of the resolution date column' })
  @Column()
  resolved?: string;
  @ApiPropertyOptional({ description: 'header of the status column' })
  @Column()
  status?: string;
  @ApiPropertyOptional({ description: 'header of the summary column' })
  @Column()
  summary?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}

export class ComplaintMetricsQuery {
  @ApiPropertyOptional({
    example: '2026-S1',
    description: 'YYYY, YYYY-S1 or YYYY-S2; default the semester of today',
  })
  @Matches(/^\d{4}(-S[12])?$/)
  @Optional()
  period?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  @Optional()
  lang?: Language;
}

export class HolidayInput {
  @ApiProperty({ example: '2026-12-31' })
  @IsIsoDay()
  date!: string;

  @ApiProperty({ example: 'Cuti bersama daerah' })
  @Trim()
  @IsNotEmpty()
  @MaxLength(200)
  @IsString()
  name!: string;
}

export class ComplaintSettingsInput {
  @ApiProperty({ example: 3, description: 'working days to verify and route a complaint' })
  @Max(60)
  @Min(1)
  @IsInt()
  verifyDays!: number;

  @ApiProperty({ example: 5, description: 'working days to follow up after the first response' })
  @Max(120)
  @Min(1)
  @IsInt()
  followUpDays!: number;

  @ApiProperty({
    type: [HolidayInput],
    description: "the organisation's own days off, on top of the national holidays",
  })
  @ValidateNested({ each: true })
  @Type(() => HolidayInput)
  @ArrayMaxSize(400)
  @IsArray()
  holidays!: HolidayInput[];
}

export const isOn = (flag: string | undefined): boolean => flag === '1' || flag === 'true';

export class ComplaintSettingsQuery {
  @ApiPropertyOptional({ example: '2026', description: 'the year whose national holidays to list' })
  @Matches(/^20\d\d$/)
  @Optional()
  year?: string;
}

export const COMPLAINT_FINDING_CLAUSES = ['8.2.1', '9.1.2', '10.2.1'] as const;
export const COMPLAINT_FINDING_GRADES = ['minor', 'observation', 'improvement'] as const;

export class RaiseComplaintFindingInput {
  @ApiPropertyOptional({
    example: 'LPR-25-0001',
    description: 'the complaint to raise it from (or give category)',
  })
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N}._/#-]{0,63}$/u)
  @Optional()
  trackingId?: string;

  @ApiPropertyOptional({
    example: 'Antrean',
    description: 'a recurring category of the period (or give trackingId)',
  })
  @Trim()
  @IsNotEmpty()
  @MaxLength(200)
  @IsString()
  @Optional()
  category?: string;

  @ApiPropertyOptional({ example: '2026-S2', description: 'the period of the category' })
  @Matches(/^\d{4}(-S[12])?$/)
  @Optional()
  period?: string;

  @ApiProperty({ enum: COMPLAINT_FINDING_CLAUSES })
  @IsIn(COMPLAINT_FINDING_CLAUSES)
  clause!: (typeof COMPLAINT_FINDING_CLAUSES)[number];

  @ApiPropertyOptional({ enum: COMPLAINT_FINDING_GRADES, description: 'default observation' })
  @IsIn(COMPLAINT_FINDING_GRADES)
  @Optional()
  grade?: (typeof COMPLAINT_FINDING_GRADES)[number];
}
