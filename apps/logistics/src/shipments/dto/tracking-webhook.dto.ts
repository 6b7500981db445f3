import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TRACKING_STATUSES, TrackingStatus } from '../shipment-status';

/** One tracking update as a carrier posts it. */
export class TrackingWebhookDto {
  @ApiProperty({ description: "The carrier's unique id of this update; must equal the Carrier-Event-Id header" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  eventId: string;

  @ApiProperty({ example: 'SANDBOXPO-7F3A9C21D4E5' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  trackingNumber: string;

  @ApiProperty({ enum: TRACKING_STATUSES })
  @IsIn(TRACKING_STATUSES)
  status: TrackingStatus;

  @ApiProperty({ description: 'When the carrier scanned it, ISO 8601' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;
}
