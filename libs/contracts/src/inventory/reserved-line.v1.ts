import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

/** Where the units for one order line are held. */
export class ReservedLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @IsInt()
  @Min(1)
  quantity: number;
}
