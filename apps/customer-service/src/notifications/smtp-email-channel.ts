import type { Transporter } from 'nodemailer';
import { NotificationChannel, OutgoingMessage } from './notification-channel';

/**
 * Email through nodemailer: an SMTP transport in production (SMTP_URL), nodemailer's JSON or stream
 * transport in tests. The Message-ID is derived from the notification id, so a retried send after a crash
 * carries the same id and a mail server or client can tell the copies apart.
 */
export class SmtpEmailChannel extends NotificationChannel {
  readonly name = 'smtp';

  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
  ) {
    super();
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.notificationId}@customer-service.emporium>`,
      headers: { 'X-Emporium-Notification': message.notificationId, 'X-Emporium-Template': message.template },
    });
    return { messageId: String(info.messageId) };
  }
}
