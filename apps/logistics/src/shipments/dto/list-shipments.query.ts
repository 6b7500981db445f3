import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageQuery } from '@emporium/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../shipment-status';

export class ListShipmentsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
  status?: ShipmentStatus;

  @ApiPropertyOptional({ enum: ['OUTBOUND', 'RETURN'] })
  @IsOptional()
  @IsIn(['OUTBOUND', 'RETURN'])
  kind?: 'OUTBOUND' | 'RETURN';
}
