import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { Optional } from '../common/validators.js';

/** `?unread=1` lists only unread notifications. */
export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['1', '0', 'true', 'false'] })
  @Transform(({ value }: { value: unknown }) =>
    value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : value,
  )
  @IsIn([true, false], { message: 'unread must be 1 or 0' })
  @Optional()
  unread?: boolean;
}
