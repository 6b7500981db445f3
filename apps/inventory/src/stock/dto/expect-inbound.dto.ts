import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Units ordered from a supplier: they count towards replenishment until received. */
export class ExpectInboundDto {
  @ApiProperty({ example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'sku may contain letters, digits, dot, underscore and dash' })
  sku: string;

  @ApiProperty({ example: 'MAIN' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @ApiProperty({ example: 40, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}
