import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class MovementsQueryDto {
  @ApiPropertyOptional({ example: 'MAIN' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'cursor must be a cursor returned by this endpoint' })
  cursor?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
