import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from './validators.js';

export const MAX_PAGE_SIZE = 200;
/** Far past any real list; a larger page number made an OFFSET the database refuses (500). */
export const MAX_PAGE = 1_000_000;

/** The page number of a paged list, bounded once for every list. */
export class PageNumberQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  @Optional()
  page: number = 1;
}

export class PageQuery extends PageNumberQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @Optional()
  pageSize: number = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
