import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateWarehouseDto {
  @ApiProperty({ example: 'BER-1', description: 'A short code: letters, digits, dot, underscore and dash' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'id may contain letters, digits, dot, underscore and dash' })
  id: string;

  @ApiProperty({ example: 'Berlin fulfilment centre' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'EU-DE', description: 'Matched against an order’s shipping region' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  region: string;

  @ApiProperty({ example: 10, minimum: 0, description: 'Lower is preferred' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priority: number;
}
