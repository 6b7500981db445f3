import { IsSku } from '@emporium/platform';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class CountedLineDto {
  @IsSku()
  sku: string;

  @ApiProperty({ example: 23, minimum: 0, description: 'Units physically counted' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  counted: number;
}

export class SubmitStocktakeDto {
  @ApiProperty({ example: 'MAIN' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  warehouseId: string;

  @ApiProperty({ example: 'Quarterly count', description: 'Recorded on every adjustment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;

  @ApiProperty({ type: [CountedLineDto], description: 'The SKUs counted; others are left as they are (cycle counts)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => CountedLineDto)
  lines: CountedLineDto[];
}
