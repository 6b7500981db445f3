export class SurveyResponse {
  id: string;
  /** ORDER (after delivery, per merchant) or TICKET (after an agent resolved it) */
  kind: 'ORDER' | 'TICKET';
  orderId: string | null;
  ticketId: string | null;
  merchantId: string | null;
  agentId: string | null;
  /** null until answered */
  score: number | null;
  comment: string | null;
  /** ISO 8601 UTC */
  createdAt: string;
  answeredAt: string | null;
}

export class CsatEntryResponse {
  /** The merchant id or the agent id */
  id: string;
  responses: number;
  /** Share of answers scoring 4 or 5 (0..1) */
  csat: number;
  /** Mean score, 1..5 */
  averageScore: number;
}

export class CsatResponse {
  /** ISO 8601 UTC, inclusive */
  from: string;
  /** ISO 8601 UTC, exclusive */
  to: string;
  merchants: CsatEntryResponse[];
  agents: CsatEntryResponse[];
}
