import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DeliveryOption, ShippingAddressV1 } from '@emporium/contracts';
import { OrderLine } from './order-line.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { canTransition, OrderStatus } from './order-status';
import { IllegalOrderTransitionError, OrderTotalTooLargeError, PointsExceedTotalError } from './order.errors';

const bigint = { to: (v: number) => v, from: (v: string) => Number(v) };
const bigintNullable = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** The order aggregate: it guards its own status changes and records each one in its timeline. */
@Entity('orders')
export class Order {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({
    name: 'total_amount',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  totalAmount: number;

  /** Sum of the lines before discounts, minor units. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintNullable })
  subtotal: number | null;

  @Column({ name: 'discount_total', type: 'bigint', transformer: bigint })
  discountTotal: number;

  @Column({ name: 'shipping_fee', type: 'bigint', transformer: bigint })
  shippingFee: number;

  @Column({ name: 'shipping_address', type: 'jsonb', nullable: true })
  shippingAddress: ShippingAddressV1 | null;

  @Column({ name: 'shipping_region', type: 'text', nullable: true })
  shippingRegion: string | null;

  @Column({ name: 'delivery_option', type: 'text', nullable: true })
  deliveryOption: DeliveryOption | null;

  @Column({ name: 'shipping_quote_id', type: 'uuid', nullable: true })
  shippingQuoteId: string | null;

  /** marketing's signed quote the discounts come from. */
  @Column({ name: 'quote_id', type: 'text', nullable: true })
  quoteId: string | null;

  @Column({ name: 'coupon_codes', type: 'text', array: true })
  couponCodes: string[];

  @Column({ name: 'points_to_redeem', type: 'int' })
  pointsToRedeem: number;

  /** totalAmount - pointsToRedeem: what the card pays. */
  @Column({ name: 'amount_to_pay', type: 'bigint', nullable: true, transformer: bigintNullable })
  amountToPay: number | null;

  /** How the customer pays: CARD with a gateway token (never a card number). */
  @Column({ name: 'payment_method', type: 'text', nullable: true })
  paymentMethod: string | null;

  @Column({ name: 'card_token', type: 'text', nullable: true })
  cardToken: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'return_window_ends_at', type: 'timestamptz', nullable: true })
  returnWindowEndsAt: Date | null;

  @OneToMany(() => OrderLine, (line) => line.order, { cascade: ['insert'], eager: true })
  lines: OrderLine[];

  @OneToMany(() => OrderStatusChange, (change) => change.order, { cascade: ['insert'] })
  timeline: OrderStatusChange[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * A new PENDING order from server-priced lines: total = subtotal - discounts + shipping fee, and the card
   * pays the total less the points (one point pays one minor unit).
   */
  static place(input: {
    id: string;
    customerId: string;
    currency: string;
    lines: { sku: string; quantity: number; unitPrice: number; merchantId?: string | null; discount?: number }[];
    shippingFee?: number;
    shippingAddress?: ShippingAddressV1;
    deliveryOption?: DeliveryOption;
    shippingQuoteId?: string;
    quoteId?: string;
    couponCodes?: string[];
    pointsToRedeem?: number;
    payment?: { method: string; cardToken: string };
    at: Date;
  }): Order {
    const order = new Order();
    order.id = input.id;
    order.customerId = input.customerId;
    order.currency = input.currency;
    order.status = 'PENDING';
    order.lines = input.lines.map((line, index) => OrderLine.of(order.id, index + 1, line));
    order.subtotal = order.lines.reduce((sum, line) => sum + line.lineTotal, 0);
    order.discountTotal = order.lines.reduce((sum, line) => sum + line.discount, 0);
    order.shippingFee = input.shippingFee ?? 0;
    order.totalAmount = order.subtotal - order.discountTotal + order.shippingFee;
    if (!Number.isSafeInteger(order.subtotal) || !Number.isSafeInteger(order.totalAmount))
      throw new OrderTotalTooLargeError();
    order.shippingAddress = input.shippingAddress ?? null;
    order.shippingRegion = input.shippingAddress?.region ?? null;
    order.deliveryOption = input.deliveryOption ?? null;
    order.shippingQuoteId = input.shippingQuoteId ?? null;
    order.quoteId = input.quoteId ?? null;
    order.couponCodes = input.couponCodes ?? [];
    order.pointsToRedeem = input.pointsToRedeem ?? 0;
    if (order.pointsToRedeem > order.totalAmount)
      throw new PointsExceedTotalError(order.pointsToRedeem, order.totalAmount);
    order.amountToPay = order.totalAmount - order.pointsToRedeem;
    order.paymentMethod = input.payment?.method ?? null;
    order.cardToken = input.payment?.cardToken ?? null;
    order.deliveredAt = null;
    order.returnWindowEndsAt = null;
    order.createdAt = input.at;
    order.timeline = [OrderStatusChange.of(order.id, 'PENDING', input.at)];
    return order;
  }

  /**
   * Orders owns the deadline: an answer after it cancels the order instead of confirming it, so inventory
   * may safely expire a hold that outlives it (its time-to-live is longer than this deadline).
   */
  isPastConfirmationDeadline(at: Date, timeoutSeconds: number): boolean {
    return at.getTime() - this.createdAt.getTime() > timeoutSeconds * 1000;
  }

  confirm(at: Date, cause?: string): void {
    this.moveTo('CONFIRMED', at, undefined, cause);
  }

  /** The reason is open (cancelled.v2): see KNOWN_ORDER_CANCELLATION_REASONS. */
  cancel(reason: string, detail: string | undefined, at: Date): void {
    this.moveTo('CANCELLED', at, reason, detail);
  }

  ship(at: Date, cause: string): void {
    this.moveTo('SHIPPED', at, undefined, cause);
  }

  deliver(at: Date, returnWindowDays: number, cause: string): void {
    this.moveTo('DELIVERED', at, undefined, cause);
    this.deliveredAt = at;
    this.returnWindowEndsAt = new Date(at.getTime() + returnWindowDays * 86_400_000);
  }

  complete(at: Date): void {
    this.moveTo('COMPLETED', at, undefined, 'the return window closed');
  }

  /** A refund: REFUNDED once everything charged went back, else PARTIALLY_REFUNDED (a second partial one is a timeline entry). */
  refund(fully: boolean, at: Date, cause: string): void {
    const to = fully ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    if (this.status === to) this.pendingTimeline.push(OrderStatusChange.of(this.id, to, at, undefined, cause));
    else this.moveTo(to, at, undefined, cause);
  }

  /** New timeline entries since load; the service inserts them with the order. */
  pendingTimeline: OrderStatusChange[] = [];

  private moveTo(status: OrderStatus, at: Date, reason?: string, detail?: string): void {
    if (!canTransition(this.status, status)) throw new IllegalOrderTransitionError(this.id, this.status, status);
    this.status = status;
    this.pendingTimeline.push(OrderStatusChange.of(this.id, status, at, reason, detail));
  }
}
