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

  static of(orderId: string, lineNo: number, line: { sku: string; quantity: number; unitPrice: number }): OrderLine {
    return Object.assign(new OrderLine(), { orderId, lineNo, ...line, lineTotal: line.quantity * line.unitPrice });
  }
}
