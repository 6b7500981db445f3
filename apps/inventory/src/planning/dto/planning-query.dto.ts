import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class SuggestionsQueryDto {
  @ApiPropertyOptional({ example: 'TSHIRT-RED-M' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku?: string;

  @ApiPropertyOptional({ example: 'MAIN' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;
}

export class SlowMovingQueryDto {
  @ApiPropertyOptional({
    example: 90,
    minimum: 1,
    description: 'No sales for at least this many days (default SLOW_MOVING_DAYS)',
  })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;

  @ApiPropertyOptional({ example: 'MAIN' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;
}
