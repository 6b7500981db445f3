import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorPageQuery } from '@emporium/platform';
import { TICKET_STATUSES, TicketStatus } from '../ticket-status';

export class ListTicketsQuery extends CursorPageQuery {
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  assigneeId?: string;

  @IsOptional()
  @IsUUID()
  orderId?: string;
}
