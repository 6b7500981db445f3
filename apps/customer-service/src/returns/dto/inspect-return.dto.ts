import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RETURN_CONDITIONS, ReturnCondition } from '@emporium/contracts';
import { IsSku } from '@emporium/platform';

export class InspectedLineDto {
  @IsSku()
  sku: string;

  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;

  /** RESALEABLE goes back on the shelf; DAMAGED is written off. The refund is the same either way. */
  @IsIn(RETURN_CONDITIONS)
  condition: ReturnCondition;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class InspectReturnDto {
  /** Every returned unit exactly once: a SKU's units may be split between RESALEABLE and DAMAGED. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InspectedLineDto)
  lines: InspectedLineDto[];
}
