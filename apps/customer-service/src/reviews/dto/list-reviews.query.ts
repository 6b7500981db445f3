import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CursorPageQuery } from '@emporium/platform';

export class ListReviewsQuery extends CursorPageQuery {
  @IsOptional()
  @IsUUID()
  productId?: string;

  @IsOptional()
  @IsUUID()
  merchantId?: string;

  /** ops only; everyone else sees PUBLISHED reviews (and a customer its own). */
  @IsOptional()
  @IsIn(['PENDING_MODERATION', 'PUBLISHED', 'REJECTED'])
  status?: 'PENDING_MODERATION' | 'PUBLISHED' | 'REJECTED';
}
