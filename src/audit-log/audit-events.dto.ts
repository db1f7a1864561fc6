import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';

export class AuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'evidence' })
  @IsOptional()
  @Matches(/^[a-z_]{1,64}$/)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  entityId?: string;

  @ApiPropertyOptional({ description: 'user id of the actor' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601()
  since?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  until?: string;
}
