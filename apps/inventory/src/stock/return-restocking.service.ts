import { Injectable } from '@nestjs/common';
import { DomainEvent, ReturnInspectedV1, StockRestocked, StockWrittenOff } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { StockLedger } from './stock-ledger';

/** Returned units after customer-service's inspection: back on the shelf, or in and written off. */
@Injectable()
export class ReturnRestocking {
  constructor(
    private readonly ledger: StockLedger,
    private readonly outbox: Outbox,
  ) {}

  /**
   * An inspected return: resaleable units go back on the shelf (RETURN); damaged ones arrive and are
   * written off in the same step (RETURN then WRITE_OFF), so the ledger shows they came back and why
   * they are not sellable.
   */
  async receiveReturn(event: DomainEvent<ReturnInspectedV1>, manager: EntityManager): Promise<void> {
    const inspected = event.data;
    // A return re-published under a new event id must not restock twice.
    const seen: unknown[] = await manager.query(
      `SELECT 1 FROM stock_movements WHERE reference = $1 AND cause = 'RETURN' LIMIT 1`,
      [inspected.returnId],
    );
    if (seen.length > 0) return;

    const targets = await Promise.all(
      inspected.lines.map((line) => this.returnWarehouse(manager, inspected, line.sku)),
    );
    await this.ledger.ensureLevels(
      manager,
      inspected.lines.map((line, i) => ({ sku: line.sku, warehouseId: targets[i] })),
    );
    const stock = await this.ledger.lock(
      manager,
      inspected.lines.map((line) => line.sku),
    );
    const outcomes = inspected.lines.map((line, i) => {
      const level = stock.get(line.sku, targets[i]);
      stock.apply(level, level.restock(line.quantity), {
        reason: `RETURN_${line.condition}`,
        reference: inspected.returnId,
      });
      if (line.condition === 'DAMAGED')
        stock.apply(level, level.writeOff(line.quantity), { reason: 'RETURN_DAMAGED', reference: inspected.returnId });
      return { line, level };
    });
    await this.ledger.save(
      manager,
      stock,
      { orderId: inspected.orderId, causeEventId: event.metadata.id },
      event.metadata,
    );
    const at = new Date().toISOString();
    for (const { line, level } of outcomes) {
      const common = {
        sku: line.sku,
        warehouseId: level.warehouseId,
        quantity: line.quantity,
        orderId: inspected.orderId,
        returnId: inspected.returnId,
        onHand: level.onHand,
        available: level.available,
      };
      if (line.condition === 'RESALEABLE')
        await this.outbox.publish(
          manager,
          StockRestocked,
          { ...common, restockedAt: at },
          { causedBy: event.metadata },
        );
      else
        await this.outbox.publish(
          manager,
          StockWrittenOff,
          { ...common, reason: 'RETURN_DAMAGED', writtenOffAt: at },
          { causedBy: event.metadata },
        );
    }
  }

  /** Where a returned unit goes: where it was inspected, else where the order took it from, else the first warehouse. */
  private async returnWarehouse(manager: EntityManager, inspected: ReturnInspectedV1, sku: string): Promise<string> {
    if (inspected.warehouseId) {
      const [known] = await manager.query(`SELECT id FROM warehouses WHERE id = $1`, [inspected.warehouseId]);
      if (known) return known.id;
    }
    const [shipped] = await manager.query(
      `SELECT line->>'warehouseId' AS id FROM reservations, jsonb_array_elements(lines) AS line
        WHERE order_id = $1 AND line->>'sku' = $2 LIMIT 1`,
      [inspected.orderId, sku],
    );
    if (shipped) return shipped.id;
    const [first] = await manager.query(`SELECT id FROM warehouses ORDER BY priority, id LIMIT 1`);
    return first.id;
  }
}
