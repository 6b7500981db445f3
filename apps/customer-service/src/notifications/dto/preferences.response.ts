import { NotificationCategory } from '../templates';

export class PreferencesResponse {
  memberId: string;
  /** Categories not sent to this member (ORDERS, SHIPMENTS, RETURNS, TICKETS, GREETINGS, SURVEYS) */
  optedOut: NotificationCategory[];
}
