import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageQuery } from '@emporium/platform';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { ORDER_STATUSES, OrderStatus } from '../order-status';

export class ListOrdersQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'ops, service and merchants; a customer always sees its own' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Orders with at least one line of this merchant (a merchant token always sees only its own)',
  })
  @IsOptional()
  @IsUUID()
  merchantId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Placed at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Placed before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
