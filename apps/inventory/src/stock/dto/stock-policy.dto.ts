import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class StockPolicyDto {
  @ApiProperty({ example: 10, minimum: 0, description: 'Available at or below this is LOW' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  safetyStock: number;

  @ApiProperty({ example: 0, minimum: 0, description: 'A floor for the computed reorder point' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  reorderPoint: number;

  @ApiPropertyOptional({
    example: 7,
    minimum: 0,
    description: 'Supplier lead time; omitted means the configured default',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays?: number;
}
