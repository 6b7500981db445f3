import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

/** A line as orders publishes it. Money is integer minor units in the order's currency. */
export class OrderLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;

  @IsInt()
  @Min(0)
  unitPrice: number;

  @IsInt()
  @Min(0)
  lineTotal: number;
}
