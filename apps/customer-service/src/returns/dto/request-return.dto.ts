import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsSku } from '@emporium/platform';
import { RETURN_REASONS, ReturnReason } from '../return-rules';

export class ReturnLineDto {
  @IsSku()
  sku: string;

  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;
}

export class RequestReturnDto {
  @IsUUID()
  orderId: string;

  /** NO_REASON inside the return window is approved at once; every other reason, or a late request, goes to ops review. */
  @IsIn(RETURN_REASONS)
  reason: ReturnReason;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** Photos the customer uploaded (https URLs), shown to the reviewing agent. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  @MaxLength(500, { each: true })
  photoUrls?: string[];

  /** Asks for a replacement instead of a refund: after inspection, ops sends it (or refunds if it cannot). */
  @IsOptional()
  @IsBoolean()
  exchange?: boolean;

  /** Delivered lines of one merchant (a return is one parcel back to one merchant's warehouse). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineDto)
  lines: ReturnLineDto[];
}
