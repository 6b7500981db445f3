import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class SandboxWebhookDto {
  @ApiProperty({ description: 'Equals the Payment-Event-Id header' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  eventId: string;

  @ApiProperty({ example: 'sbx_6f1c…', description: 'The gateway reference of the PENDING authorisation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference: string;

  @ApiProperty({ enum: ['AUTHORISED', 'DECLINED'] })
  @IsIn(['AUTHORISED', 'DECLINED'])
  outcome: 'AUTHORISED' | 'DECLINED';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class WebhookAcceptedResponse {
  /** False when the reference was unknown or already settled (nothing changed) */
  applied: boolean;
}
