import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class ScorecardQuery {
  @ApiPropertyOptional({ description: 'Start of the period (shipments created from), ISO 8601; default 30 days ago' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period (exclusive), ISO 8601; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
