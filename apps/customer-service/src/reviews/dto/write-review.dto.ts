import { IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsSku } from '@emporium/platform';

export class WriteReviewDto {
  /** The caller's own delivered order. */
  @IsUUID()
  orderId: string;

  /** A line of that order that was delivered. */
  @IsSku()
  sku: string;

  /** Stars, 1 to 5; 2 or less opens a complaint ticket. */
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text: string;
}
