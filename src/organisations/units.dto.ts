import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Optional, OptionalNullable, Trim, TrimToNull } from '../common/validators.js';

/** Unit codes as in the seed files and report numbers: SETDA, RSUD, DUKCAPIL, DINKES-2. */
export const UNIT_CODE = /^[A-Z][A-Z0-9_-]{1,31}$/;

export class CreateUnitDto {
  @ApiProperty({ example: 'DINKES', description: 'upper-case letters, digits, - or _' })
  @Trim()
  @Matches(UNIT_CODE, {
    message:
      'must be 2–32 upper-case letters, digits, dashes or underscores, starting with a letter',
  })
  code!: string;

  @ApiProperty({ example: 'Dinas Kesehatan Kota Kupang' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Dinkes', nullable: true })
  @TrimToNull()
  @IsString()
  @MaxLength(64)
  @OptionalNullable()
  shortName?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsString()
  @MaxLength(2000)
  @OptionalNullable()
  description?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Optional()
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsString()
  @MaxLength(64)
  @OptionalNullable()
  shortName?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @TrimToNull()
  @IsString()
  @MaxLength(2000)
  @OptionalNullable()
  description?: string | null;

  @ApiPropertyOptional({
    description:
      'true withdraws the unit (kept, hidden from lists and summaries); false restores it',
  })
  @IsBoolean()
  @Optional()
  withdrawn?: boolean;
}
