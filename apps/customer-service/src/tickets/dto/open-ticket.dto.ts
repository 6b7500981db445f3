import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TICKET_KINDS, TicketKind } from '@emporium/contracts';

export class OpenTicketDto {
  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  /** A question about the caller's own order (optional for PRE_SALES). */
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;
}
