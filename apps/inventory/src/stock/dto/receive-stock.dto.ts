import { IsSku } from '@emporium/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ReceiveStockDto {
  @IsSku()
  sku: string;

  @ApiProperty({ example: 'MAIN', description: 'An existing warehouse (GET /warehouses)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @ApiProperty({ example: 10, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @ApiPropertyOptional({ example: 'PO-2026-0042', description: 'Supplier delivery note or purchase order' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}
