import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'ordered the wrong size', description: 'Shown on the timeline' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  detail?: string;
}
