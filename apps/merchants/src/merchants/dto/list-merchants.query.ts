import { CursorPageQuery } from '@emporium/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MERCHANT_STATUSES, MerchantStatus } from '@emporium/contracts';

export class ListMerchantsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: MERCHANT_STATUSES, description: 'PENDING_REVIEW is the review queue' })
  @IsOptional()
  @IsIn(MERCHANT_STATUSES)
  status?: MerchantStatus;
}
