import { Optional, OptionalIdList } from '../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from './role.js';

export class CreateUserDto {
  @ApiProperty({ example: 'officer.bapenda' })
  @Matches(/^[a-z0-9._-]{3,64}$/, {
    message: 'must be 3–64 lower-case letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'units of an officer or unit-level management',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  @Optional()
  unitIds?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Optional()
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsIn(ROLES)
  @Optional()
  role?: Role;

  @ApiPropertyOptional()
  @IsBoolean()
  @Optional()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  @Optional()
  password?: string;

  @OptionalIdList(100)
  unitIds?: string[];
}
