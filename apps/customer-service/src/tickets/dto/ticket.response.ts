import type { TicketKind, TicketPriority } from '@emporium/contracts';
import { TicketStatus } from '../ticket-status';

export class TicketMessageResponse {
  id: string;
  authorId: string;
  authorRole: 'CUSTOMER' | 'AGENT' | 'SYSTEM';
  /** Agents only; never in a customer's view */
  internal: boolean;
  body: string;
  /** ISO 8601 UTC */
  createdAt: string;
}

export class FaqSuggestionResponse {
  id: string;
  question: string;
  answer: string;
}

export class TicketResponse {
  id: string;
  kind: TicketKind;
  priority: TicketPriority;
  status: TicketStatus;
  customerId: string;
  orderId: string | null;
  merchantId: string | null;
  subject: string;
  assigneeId: string | null;
  /** CUSTOMER, PROACTIVE (a delivery exception) or REVIEW (a low rating) */
  source: string;
  /** ISO 8601 UTC */
  openedAt: string;
  /** When the first agent answer is due (business hours) */
  firstResponseDueAt: string;
  /** When resolution is due (business hours; moves on while waiting on the customer) */
  resolutionDueAt: string;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  /** Oldest first; a customer sees no internal notes */
  messages: TicketMessageResponse[];
  /** FAQ entries that may answer a PRE_SALES question (on opening only) */
  suggestions?: FaqSuggestionResponse[];
}

export class TicketSummaryResponse {
  id: string;
  kind: string;
  priority: string;
  status: string;
  customerId: string;
  orderId: string | null;
  subject: string;
  assigneeId: string | null;
  /** ISO 8601 UTC */
  openedAt: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
}

export class TicketPageResponse {
  /** Newest first */
  items: TicketSummaryResponse[];
  /** Pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class SlaPolicyResponse {
  kind: string;
  priority: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}
