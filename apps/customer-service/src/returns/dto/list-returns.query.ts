import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CursorPageQuery } from '@emporium/platform';
import { RETURN_STATUSES, ReturnStatus } from '../return-status';

export class ListReturnsQuery extends CursorPageQuery {
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @IsOptional()
  @IsIn(RETURN_STATUSES)
  status?: ReturnStatus;
}
