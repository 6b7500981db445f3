import { IsSku, IsCurrency } from '@emporium/platform';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export class PlaceOrderLineDto {
  @IsSku()
  sku: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;

  @ApiProperty({ example: 1999, description: 'Minor units of the order currency' })
  @IsInt()
  @Min(0)
  @Max(100_000_000_00)
  unitPrice: number;
}

export class PlaceOrderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId: string;

  @IsCurrency()
  currency: string;

  @ApiProperty({ type: [PlaceOrderLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlaceOrderLineDto)
  lines: PlaceOrderLineDto[];
}
