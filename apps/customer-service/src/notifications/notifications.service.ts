import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExternalCallResult, ExternalCalls } from '@emporium/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { careMetrics } from '../care.metrics';
import { ContactDirectory } from './contact-directory';
import { NotificationChannel } from './notification-channel';
import { NotificationCategory, render, TemplateName, TEMPLATES } from './templates';

const SEND = 'notification.send';

export interface NotificationRequest {
  memberId: string;
  template: TemplateName;
  /** The business fact (return-approved:<returnId>): one notification per fact, however often it is reported. */
  dedupeKey: string;
  data: Record<string, unknown>;
}

interface SendOutcome {
  status: 'SENT' | 'UNDELIVERABLE';
  channel: string;
  address?: string;
  messageId?: string;
  reason?: string;
}

/**
 * Notifications are recorded in the transaction of the state change that causes them (unique on the
 * business fact, so a redelivered or republished event adds nothing) and sent after it commits, through
 * ExternalCalls: the address is looked up and the message handed to the channel outside any transaction,
 * retried with the same notification id after a crash or a failure.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: ExternalCalls,
    private readonly contacts: ContactDirectory,
    private readonly channel: NotificationChannel,
  ) {}

  onModuleInit(): void {
    this.calls.register<{ notificationId: string }, SendOutcome>({
      kind: SEND,
      call: (request) => this.deliver(request.notificationId),
      onResult: (result, request, _key, manager) => this.record(result, request.notificationId, manager),
    });
  }

  /** In the caller's transaction. An opted-out member's notification is recorded as OPTED_OUT and never sent. */
  async queue(manager: EntityManager, request: NotificationRequest): Promise<void> {
    const category: NotificationCategory = TEMPLATES[request.template].category;
    const optedOut =
      (
        await manager.query(`SELECT 1 FROM notification_opt_outs WHERE member_id = $1 AND category = $2`, [
          request.memberId,
          category,
        ])
      ).length > 0;
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO notifications (id, dedupe_key, member_id, category, template, data, status) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        id,
        request.dedupeKey,
        request.memberId,
        category,
        request.template,
        JSON.stringify(request.data),
        optedOut ? 'OPTED_OUT' : 'QUEUED',
      ],
    );
    if (inserted.length > 0 && optedOut)
      careMetrics.notifications.inc({ template: request.template, outcome: 'OPTED_OUT' });
    if (inserted.length > 0 && !optedOut)
      await this.calls.request(manager, SEND, `notification:${id}`, { notificationId: id });
  }

  private async deliver(notificationId: string): Promise<SendOutcome> {
    const [row] = await this.dataSource.query(`SELECT * FROM notifications WHERE id = $1`, [notificationId]);
    const contact = await this.contacts.contactOf(row.member_id);
    if (!contact || contact.erased || !contact.email) {
      return {
        status: 'UNDELIVERABLE',
        channel: this.channel.name,
        reason: !contact ? 'unknown member' : contact.erased ? 'member erased' : 'no email address',
      };
    }
    const message = render(row.template, row.data, contact.name);
    const { messageId } = await this.channel.send({
      notificationId,
      memberId: row.member_id,
      to: contact.email,
      template: row.template,
      ...message,
    });
    return { status: 'SENT', channel: this.channel.name, address: contact.email, messageId };
  }

  private async record(
    result: ExternalCallResult<SendOutcome>,
    notificationId: string,
    manager: EntityManager,
  ): Promise<void> {
    const [{ template }] = await manager.query(`SELECT template FROM notifications WHERE id = $1`, [notificationId]);
    careMetrics.notifications.inc({ template, outcome: result.ok ? result.value.status : 'FAILED' });
    if (!result.ok) {
      await manager.query(`UPDATE notifications SET status = 'FAILED', error = $2 WHERE id = $1`, [
        notificationId,
        result.error.slice(0, 500),
      ]);
      return;
    }
    const outcome = result.value;
    await manager.query(
      `UPDATE notifications SET status = $2, channel = $3, address = $4, message_id = $5, error = $6, sent_at = CASE WHEN $2 = 'SENT' THEN now() END WHERE id = $1`,
      [
        notificationId,
        outcome.status,
        outcome.channel,
        outcome.address ?? null,
        outcome.messageId ?? null,
        outcome.reason ?? null,
      ],
    );
  }

  async optedOut(memberId: string): Promise<NotificationCategory[]> {
    return (
      await this.dataSource.query(`SELECT category FROM notification_opt_outs WHERE member_id = $1 ORDER BY category`, [
        memberId,
      ])
    ).map((r: { category: NotificationCategory }) => r.category);
  }

  async setOptOuts(memberId: string, categories: NotificationCategory[]): Promise<NotificationCategory[]> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM notification_opt_outs WHERE member_id = $1`, [memberId]);
      for (const category of new Set(categories))
        await manager.query(`INSERT INTO notification_opt_outs (member_id, category) VALUES ($1, $2)`, [
          memberId,
          category,
        ]);
    });
    return this.optedOut(memberId);
  }

  async mailbox(query: { memberId?: string; limit?: number }) {
    const rows = await this.dataSource.query(
      `SELECT * FROM dev_mailbox WHERE ($1::uuid IS NULL OR member_id = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
      [query.memberId ?? null, query.limit ?? 50],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
    return rows.map((r: any) => ({
      id: r.id,
      notificationId: r.notification_id,
      memberId: r.member_id,
      to: r.to_address,
      subject: r.subject,
      body: r.body,
      template: r.template,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
