import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Order } from './order.entity';
import type { OrderStatus } from './order-status';

/** One entry of the order's timeline. */
@Entity('order_status_changes')
export class OrderStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne('Order', (order: Order) => order.timeline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order: Order;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  static of(orderId: string, status: OrderStatus, at: Date, reason?: string, detail?: string): OrderStatusChange {
    return Object.assign(new OrderStatusChange(), {
      orderId,
      status,
      at,
      reason: reason ?? null,
      detail: detail ?? null,
    });
  }
}
