import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { Optional } from '../common/validators.js';

export class AuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'evidence' })
  @Matches(/^[a-z_]{1,64}$/)
  @Optional()
  entity?: string;

  @ApiPropertyOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  @Optional()
  entityId?: string;

  @ApiPropertyOptional({ description: 'user id of the actor' })
  @IsUUID()
  @Optional()
  actor?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00' })
  @IsISO8601()
  @Optional()
  since?: string;

  @ApiPropertyOptional()
  @IsISO8601()
  @Optional()
  until?: string;
}
