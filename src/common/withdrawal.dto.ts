import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from './validators.js';

/** Why a record (a risk register entry, a quality objective) is withdrawn; kept with it. */
export class WithdrawalDto {
  @ApiProperty({ maxLength: 2000, example: 'Digabung dengan R-002' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
