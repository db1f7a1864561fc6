import { Optional, OptionalIdList, OptionalNullable } from '../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDay } from '../common/validators.js';
import {
  FINDING_GRADES,
  FINDING_STATES,
  type FindingGrade,
  type FindingState,
} from './finding-types.js';

const TEXT = 4000;

export class RecordFindingDto {
  @ApiProperty({ example: '7.1.5.1', description: 'a clause of the assessment’s standard' })
  @Matches(/^\d{1,3}(\.\d{1,3}){0,5}$/)
  clause!: string;

  @ApiProperty({ enum: FINDING_GRADES })
  @IsIn(FINDING_GRADES)
  grade!: FindingGrade;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  statement!: string;

  @ApiPropertyOptional({ description: 'what the assessor saw, heard or read' })
  @IsString()
  @MaxLength(TEXT)
  @OptionalNullable()
  objectiveEvidence?: string | null;

  @OptionalIdList(50, 'evidence items of the same unit')
  evidenceIds?: string[];
}

/**
 * The officer's plan. Every text is required as a key but may still be blank, so that a plan can
 * be saved half-written; planning and implementing refuse an incomplete one.
 */
export class CorrectiveActionDto {
  @ApiProperty({ description: 'immediate correction' })
  @IsString()
  @MaxLength(TEXT)
  correction!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(TEXT)
  rootCause!: string;

  @ApiProperty({ description: 'corrective action against the root cause' })
  @IsString()
  @MaxLength(TEXT)
  action!: string;

  @ApiProperty({ description: 'who is responsible (a role title or a person)' })
  @IsString()
  @MaxLength(200)
  owner!: string;

  @ApiPropertyOptional({
    example: '2027-02-21',
    description: 'today or later; left out keeps the current due date',
  })
  @IsIsoDay()
  @Optional()
  dueOn?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: FINDING_STATES })
  @IsIn(FINDING_STATES)
  to!: FindingState;

  @ApiPropertyOptional({ description: 'required to reopen, and to close an observation' })
  @IsString()
  @MaxLength(TEXT)
  @OptionalNullable()
  note?: string | null;
}
