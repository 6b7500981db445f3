import { IsCurrency } from '@emporium/platform';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateCampaignDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsCurrency()
  currency: string;

  /** What the campaign may give away in discounts, minor units; its promotions stop once it is spent. Absent: no limit. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  budget?: number;
}
