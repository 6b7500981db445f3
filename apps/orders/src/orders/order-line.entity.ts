import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Order } from './order.entity';

@Entity('order_lines')
export class OrderLine {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @PrimaryColumn({ name: 'line_no', type: 'int' })
  lineNo: number;

  @ManyToOne('Order', (order: Order) => order.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order: Order;

  @Column()
  sku: string;

  @Column({ type: 'int' })
  quantity: number;

  /** Minor units of the order's currency. */
  @Column({ name: 'unit_price', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  unitPrice: number;

  @Column({ name: 'line_total', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lineTotal: number;

  /** The merchant selling the SKU, from orders' read model of catalog (null on orders placed before it). */
  @Column({ name: 'merchant_id', type: 'uuid', nullable: true })
  merchantId: string | null;

  /** The line's share of the order's discounts, minor units; `lineTotal` is before it. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  discount: number;

  static of(
    orderId: string,
    lineNo: number,
    line: { sku: string; quantity: number; unitPrice: number; merchantId?: string | null; discount?: number },
  ): OrderLine {
    return Object.assign(new OrderLine(), {
      orderId,
      lineNo,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.quantity * line.unitPrice,
      merchantId: line.merchantId ?? null,
      discount: line.discount ?? 0,
    });
  }
}
