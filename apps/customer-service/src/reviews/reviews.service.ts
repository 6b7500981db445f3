import { Inject, Injectable } from '@nestjs/common';
import { ReviewPublished } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, DomainError, encodeCursor, NotFoundError, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { careMetrics } from '../care.metrics';
import type { CustomerServiceConfig } from '../config';
import { OrderHistoryService } from '../orders/order-history.service';
import { UnprocessableFieldError } from '../returns/return.errors';
import { TicketOpening } from '../tickets/ticket-opening.service';
import { ListReviewsQuery } from './dto/list-reviews.query';
import { ReviewPageResponse, ReviewResponse } from './dto/review.response';
import { WriteReviewDto } from './dto/write-review.dto';
import { flaggedWords, LOW_RATING, moderationWords } from './moderation';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
type Row = any;

const view = (r: Row): ReviewResponse => ({
  id: r.id,
  orderId: r.order_id,
  sku: r.sku,
  productId: r.product_id,
  merchantId: r.merchant_id,
  customerId: r.customer_id,
  rating: r.rating,
  text: r.body,
  status: r.status,
  flaggedWords: r.flagged_words,
  ticketId: r.ticket_id,
  createdAt: r.created_at.toISOString(),
  publishedAt: r.published_at ? r.published_at.toISOString() : null,
});

export class IllegalReviewTransitionError extends DomainError {
  constructor(reviewId: string, from: string, action: string) {
    super('ILLEGAL_REVIEW_TRANSITION', `review ${reviewId} cannot ${action} while ${from}`, 409, {
      reviewId,
      from,
      action,
    });
  }
}

/** Verified purchases only: a review is of a delivered line of the reviewer's own order, once. */
@Injectable()
export class ReviewsService {
  private readonly words: string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly orders: OrderHistoryService,
    private readonly tickets: TicketOpening,
    @Inject(SERVICE_CONFIG) config: CustomerServiceConfig,
  ) {
    this.words = moderationWords(config.REVIEW_MODERATION_WORDS);
  }

  async write(dto: WriteReviewDto, principal: Principal): Promise<ReviewResponse> {
    const id = await this.dataSource.transaction(async (manager) => {
      const order = await this.orders.find(manager, dto.orderId);
      if (!order || order.customerId !== principal.subject) throw new NotFoundError('order', dto.orderId);
      if (!order.deliveredAt)
        throw new UnprocessableFieldError(
          'ORDER_NOT_DELIVERED',
          'orderId',
          `order ${dto.orderId} has not been delivered`,
        );
      const line = (await this.orders.lines(manager, dto.orderId)).find((l) => l.sku === dto.sku);
      if (!line)
        throw new UnprocessableFieldError(
          'SKU_NOT_DELIVERED',
          'sku',
          `${dto.sku} was not delivered in order ${dto.orderId}`,
        );
      const [product] = await manager.query(`SELECT product_id, merchant_id FROM sku_products WHERE sku = $1`, [
        dto.sku,
      ]);
      if (!product)
        throw new UnprocessableFieldError(
          'PRODUCT_UNKNOWN',
          'sku',
          `the product of ${dto.sku} is not known yet; try again shortly`,
        );
      const flagged = flaggedWords(dto.text, this.words);
      const id = randomUUID();
      const now = new Date();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO reviews (id, order_id, sku, customer_id, merchant_id, product_id, rating, body, status, flagged_words, created_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (order_id, sku) DO NOTHING RETURNING id`,
        [
          id,
          dto.orderId,
          dto.sku,
          principal.subject,
          line.merchantId ?? product.merchant_id,
          product.product_id,
          dto.rating,
          dto.text,
          flagged.length ? 'PENDING_MODERATION' : 'PUBLISHED',
          JSON.stringify(flagged),
          now,
          flagged.length ? null : now,
        ],
      );
      if (inserted.length === 0)
        throw new DomainError('REVIEW_EXISTS', `order ${dto.orderId} line ${dto.sku} was already reviewed`, 409, {
          orderId: dto.orderId,
          sku: dto.sku,
        });
      const [row] = await manager.query(`SELECT * FROM reviews WHERE id = $1`, [id]);
      if (dto.rating <= LOW_RATING) {
        const ticketId = await this.tickets.openInternal(manager, {
          kind: 'COMPLAINT',
          priority: 'NORMAL',
          customerId: principal.subject,
          orderId: dto.orderId,
          merchantId: row.merchant_id,
          subject: `Low rating (${dto.rating}/5) for ${dto.sku}`,
          body: dto.text,
          source: 'REVIEW',
          sourceKey: `REVIEW:${id}`,
        });
        await manager.query(`UPDATE reviews SET ticket_id = $2 WHERE id = $1`, [id, ticketId]);
      }
      if (!flagged.length) await this.publish(manager, row, now);
      careMetrics.reviews.inc({ status: row.status, rating: String(dto.rating) });
      return id;
    });
    return this.get(id);
  }

  async approve(id: string, principal: Principal): Promise<ReviewResponse> {
    await this.moderate(id, 'approve', async (manager, row) => {
      const now = new Date();
      await manager.query(
        `UPDATE reviews SET status = 'PUBLISHED', published_at = $2, moderated_by = $3 WHERE id = $1`,
        [id, now, principal.subject],
      );
      await this.publish(manager, row, now);
    });
    return this.get(id);
  }

  async reject(id: string, principal: Principal): Promise<ReviewResponse> {
    await this.moderate(id, 'reject', async (manager) => {
      await manager.query(`UPDATE reviews SET status = 'REJECTED', moderated_by = $2 WHERE id = $1`, [
        id,
        principal.subject,
      ]);
    });
    return this.get(id);
  }

  async get(id: string, principal?: Principal): Promise<ReviewResponse> {
    const [row] = await this.dataSource.query(`SELECT * FROM reviews WHERE id = $1`, [id]);
    const visible =
      row &&
      (!principal ||
        row.status === 'PUBLISHED' ||
        principal.roles.includes('ops') ||
        row.customer_id === principal.subject);
    if (!visible) throw new NotFoundError('review', id);
    return view(row);
  }

  async list(query: ListReviewsQuery, principal: Principal): Promise<ReviewPageResponse> {
    const isOps = principal.roles.includes('ops');
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const status = isOps ? (query.status ?? null) : 'PUBLISHED';
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM reviews
        WHERE ($1::text IS NULL OR status = $1 OR (NOT $2::boolean AND customer_id = $3::uuid AND $4::text IS NULL))
          AND ($5::uuid IS NULL OR product_id = $5) AND ($6::uuid IS NULL OR merchant_id = $6)
          AND ($7::timestamptz IS NULL OR (created_at, id) < ($7, $8::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $9`,
      [
        status,
        isOps,
        principal.subject,
        query.status ?? null,
        query.productId ?? null,
        query.merchantId ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor: rows.length > limit ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  private async publish(manager: EntityManager, row: Row, publishedAt: Date): Promise<void> {
    await this.outbox.publish(manager, ReviewPublished, {
      reviewId: row.id,
      productId: row.product_id,
      merchantId: row.merchant_id,
      sku: row.sku,
      customerId: row.customer_id,
      orderId: row.order_id,
      rating: row.rating,
      publishedAt: publishedAt.toISOString(),
    });
  }

  private async moderate(
    id: string,
    action: string,
    work: (manager: EntityManager, row: Row) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT * FROM reviews WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw new NotFoundError('review', id);
      if (row.status !== 'PENDING_MODERATION') throw new IllegalReviewTransitionError(id, row.status, action);
      await work(manager, row);
    });
  }
}
