import { CursorPageQuery } from '@emporium/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';

/** A NUL byte cannot be stored in PostgreSQL text: refused as bad input, never passed on to a query. */
export function NoNulBytes(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noNulBytes',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
        defaultMessage: () => 'must not contain NUL bytes',
      },
    },
    options,
  );
}
export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The highest SKU price catalog accepts: a larger bound means nothing and would overflow the bigint column. */
const MAX_PRICE = 100_000_000_00;

export class SearchQuery extends CursorPageQuery {
  @ApiPropertyOptional({
    example: 'organic tshirt',
    description: 'Full text over title, brand and description; tolerates small typos',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoNulBytes()
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
  @NoNulBytes()
  brand?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(5)
  minRating?: number;

  @ApiPropertyOptional({
    description:
      'true: the first page also carries facet counts (reads every match: costly for broad searches of a large catalogue)',
    default: false,
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  facets?: 'true' | 'false';

  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: 'Default: relevance with q, newest without' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;
}

export class SuggestQuery {
  @ApiProperty({ example: 'wireless hea', description: 'What the shopper has typed so far' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoNulBytes()
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 8 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}
