/** One message to one member, rendered. */
export interface OutgoingMessage {
  notificationId: string;
  memberId: string;
  to: string;
  subject: string;
  text: string;
  template: string;
}

/**
 * Where notifications go out (the port). Adapters: SmtpEmailChannel (email through any SMTP server) and
 * DevelopmentMailbox (a table ops can read; the default without SMTP_URL). `send` must be safe to repeat
 * for one notificationId: the caller retries after a crash, with the same id.
 */
export abstract class NotificationChannel {
  abstract readonly name: string;
  abstract send(message: OutgoingMessage): Promise<{ messageId: string }>;
}
