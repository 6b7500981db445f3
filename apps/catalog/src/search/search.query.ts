import { CursorPageQuery } from '@emporium/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The highest SKU price catalog accepts: a larger bound means nothing and would overflow the bigint column. */
const MAX_PRICE = 100_000_000_00;

export class SearchQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'organic tshirt', description: 'Full text over title, brand and description; tolerates small typos' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The category and everything below it' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ description: 'Minor units; compares with the cheapest SKU' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Minor units; compares with the cheapest SKU' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  maxPrice?: number;

  @ApiPropertyOptional({ example: 'Green Threads', description: 'Exact brand, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  brand?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(5)
  minRating?: number;

  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: 'Default: relevance with q, newest without' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;
}
