import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationChannel, OutgoingMessage } from './notification-channel';

/**
 * The development adapter of NotificationChannel: what would have been emailed is stored in `dev_mailbox`
 * and listed by `GET /dev-mailbox` (ops). One row per notification, however often it is sent.
 */
@Injectable()
export class DevelopmentMailbox extends NotificationChannel {
  readonly name = 'dev-mailbox';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    const [row] = await this.dataSource.query(
      `INSERT INTO dev_mailbox (id, notification_id, member_id, to_address, subject, body, template) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (notification_id) DO UPDATE SET notification_id = EXCLUDED.notification_id
       RETURNING id`,
      [
        randomUUID(),
        message.notificationId,
        message.memberId,
        message.to,
        message.subject,
        message.text,
        message.template,
      ],
    );
    return { messageId: `dev-mailbox:${row.id}` };
  }
}
