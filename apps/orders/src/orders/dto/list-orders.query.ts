import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageQuery } from '@emporium/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ORDER_STATUSES, OrderStatus } from '../order-status';

export class ListOrdersQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'ops and services only; a customer always sees its own' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}
