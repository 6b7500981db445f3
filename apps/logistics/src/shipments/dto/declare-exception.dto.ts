import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class DeclareExceptionDto {
  @ApiProperty({ enum: ['LOST', 'DAMAGED'] })
  @IsIn(['LOST', 'DAMAGED'])
  type: 'LOST' | 'DAMAGED';

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;
}
