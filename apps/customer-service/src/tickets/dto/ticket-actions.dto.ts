import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { TICKET_PRIORITIES, TicketPriority } from '@emporium/contracts';

export class MessageDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;
}

export class AssignTicketDto {
  /** The agent's id (the `sub` of its ops token). */
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/)
  assigneeId: string;
}

export class PrioritiseTicketDto {
  /** The SLA targets are recomputed from when the ticket was opened. */
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;
}
