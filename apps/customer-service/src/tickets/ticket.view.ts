import { TicketResponse } from './dto/ticket.response';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
export function ticketView(row: any, messages: any[]): TicketResponse {
  return {
    id: row.id,
    kind: row.kind,
    priority: row.priority,
    status: row.status,
    customerId: row.customer_id,
    orderId: row.order_id,
    merchantId: row.merchant_id,
    subject: row.subject,
    assigneeId: row.assignee_id,
    source: row.source,
    openedAt: row.opened_at.toISOString(),
    firstResponseDueAt: row.first_response_due_at.toISOString(),
    resolutionDueAt: row.resolution_due_at.toISOString(),
    firstRespondedAt: iso(row.first_responded_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    firstResponseBreached: row.first_response_breached_at !== null,
    resolutionBreached: row.resolution_breached_at !== null,
    messages: messages.map((m) => ({
      id: m.id,
      authorId: m.author_id,
      authorRole: m.author_role,
      internal: m.internal,
      body: m.body,
      createdAt: m.created_at.toISOString(),
    })),
  };
}
