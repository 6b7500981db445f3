import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MERCHANT_STATUSES, MerchantStatus } from '@emporium/contracts';

export class ListMerchantsQuery {
  @ApiPropertyOptional({ enum: MERCHANT_STATUSES, description: 'PENDING_REVIEW is the review queue' })
  @IsOptional()
  @IsIn(MERCHANT_STATUSES)
  status?: MerchantStatus;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
