import { ForbiddenException, Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, NotFoundError, Principal } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { Shipment, shipmentFromRow, shipmentView, TrackingEntry } from './shipment.view';

/** Who may see which shipments: each role a token holds widens the view; none narrows another's. */
export function visibilityOf(principal: Principal): { all: boolean; merchantId?: string; customerId?: string } {
  if (principal.roles.some((role) => role === 'ops' || role === 'warehouse' || role === 'service'))
    return { all: true };
  return {
    all: false,
    merchantId: principal.roles.includes('merchant') ? principal.merchantId : undefined,
    customerId: principal.roles.includes('customer') ? principal.subject : undefined,
  };
}

/** Reading shipments as each caller may see them. */
@Injectable()
export class ShipmentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal) {
    const [row] = await this.dataSource.query(`SELECT * FROM shipments WHERE id = $1`, [id]);
    const shipment = row ? shipmentFromRow(row) : undefined;
    // Someone else's shipment is "not found", not "forbidden": its existence is not theirs to learn.
    if (!shipment || !this.visible(shipment, principal)) throw new NotFoundError('shipment', id);
    const timeline: TrackingEntry[] = (
      await this.dataSource.query(
        `SELECT status, occurred_at, location, detail, carrier_event_id FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at, id`,
        [id],
      )
    ).map(
      (entry: {
        status: string;
        occurred_at: Date;
        location: string | null;
        detail: string | null;
        carrier_event_id: string;
      }) => ({
        status: entry.status,
        occurredAt: entry.occurred_at.toISOString(),
        location: entry.location,
        detail: entry.detail,
        carrierEventId: entry.carrier_event_id,
      }),
    );
    return shipmentView(shipment, timeline, this.seesAddress(shipment, principal));
  }

  /** Newest first, keyset-paged; a merchant sees its own parcels, a customer those of its orders. */
  async list(query: ListShipmentsQuery, principal: Principal) {
    const limit = query.limit ?? 20;
    const scope = visibilityOf(principal);
    if (!scope.all && !scope.merchantId && !scope.customerId)
      throw new ForbiddenException('A merchant token without a merchantId sees no shipments');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (!scope.all) {
      const own = [
        scope.merchantId ? `merchant_id = ${param(scope.merchantId)}` : undefined,
        scope.customerId ? `customer_id = ${param(scope.customerId)}` : undefined,
      ].filter(Boolean);
      where.push(`(${own.join(' OR ')})`);
    }
    if (query.orderId) where.push(`order_id = ${param(query.orderId)}`);
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.kind) where.push(`kind = ${param(query.kind)}`);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      where.push(`(created_at, id) < (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows = await this.dataSource.query(
      `SELECT * FROM shipments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit).map(shipmentFromRow);
    const last = page.at(-1);
    return {
      items: page.map((shipment: Shipment) => shipmentView(shipment, undefined, this.seesAddress(shipment, principal))),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  private visible(shipment: Shipment, principal: Principal): boolean {
    const scope = visibilityOf(principal);
    return (
      scope.all ||
      (!!scope.merchantId && shipment.merchantId === scope.merchantId) ||
      (!!scope.customerId && shipment.customerId === scope.customerId)
    );
  }

  private seesAddress(shipment: Shipment, principal: Principal): boolean {
    const scope = visibilityOf(principal);
    return scope.all || (!!scope.customerId && shipment.customerId === scope.customerId);
  }
}
