import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrderCancellationReason } from '@emporium/contracts';
import { OrderLine } from './order-line.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { canTransition, OrderStatus } from './order-status';
import { IllegalOrderTransitionError, OrderTotalTooLargeError } from './order.errors';

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

  @Column({ name: 'total_amount', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  totalAmount: number;

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

  static place(input: {
    id: string;
    customerId: string;
    currency: string;
    lines: { sku: string; quantity: number; unitPrice: number }[];
    at: Date;
  }): Order {
    const order = new Order();
    order.id = input.id;
    order.customerId = input.customerId;
    order.currency = input.currency;
    order.status = 'PENDING';
    order.lines = input.lines.map((line, index) => OrderLine.of(order.id, index + 1, line));
    order.totalAmount = order.lines.reduce((sum, line) => sum + line.lineTotal, 0);
    if (!Number.isSafeInteger(order.totalAmount)) throw new OrderTotalTooLargeError();
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

  confirm(at: Date): void {
    this.moveTo('CONFIRMED', at);
  }

  cancel(reason: OrderCancellationReason, detail: string | undefined, at: Date): void {
    this.moveTo('CANCELLED', at, reason, detail);
  }

  /** New timeline entries since load; the service inserts them with the order. */
  pendingTimeline: OrderStatusChange[] = [];

  private moveTo(status: OrderStatus, at: Date, reason?: string, detail?: string): void {
    if (!canTransition(this.status, status)) throw new IllegalOrderTransitionError(this.id, this.status, status);
    this.status = status;
    this.pendingTimeline.push(OrderStatusChange.of(this.id, status, at, reason, detail));
  }
}
