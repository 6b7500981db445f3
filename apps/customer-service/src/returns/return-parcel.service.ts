import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent, ReturnInspected, ShipmentReturnCreatedV1, ShipmentReturnReceivedV1 } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { InspectReturnDto } from './dto/inspect-return.dto';
import { ReturnResponse } from './dto/return.response';
import { lockReturn, ReturnRow, returnNotice, transitionReturn } from './return-access';
import { ReturnQueries } from './return-queries.service';
import { ReturnSettlementService } from './return-settlement.service';
import { UnprocessableFieldError } from './return.errors';
import { mayStart } from './return-status';

/**
 * The return parcel: its label (logistics booked it), its arrival at the warehouse, and the inspection of
 * every unit that came back, after which a refund return asks for its money.
 */
@Injectable()
export class ReturnParcelService {
  private readonly logger = new Logger(ReturnParcelService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
    private readonly settlement: ReturnSettlementService,
    private readonly queries: ReturnQueries,
  ) {}

  async onReturnShipmentCreated(event: DomainEvent<ShipmentReturnCreatedV1>, manager: EntityManager): Promise<void> {
    const shipment = event.data;
    const [updated]: [ReturnRow[], number] = await manager.query(
      `UPDATE returns SET return_shipment_id = $2, tracking_number = $3, updated_at = now() WHERE id = $1 AND return_shipment_id IS NULL RETURNING *`,
      [shipment.returnId, shipment.shipmentId, shipment.trackingNumber],
    );
    if (updated.length === 0) return;
    await this.notifications.queue(
      manager,
      returnNotice(updated[0], 'RETURN_LABEL', { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber }),
    );
  }

  async onReturnReceived(event: DomainEvent<ShipmentReturnReceivedV1>, manager: EntityManager): Promise<void> {
    const received = event.data;
    const row = await lockReturn(manager, received.returnId);
    if (!row || !mayStart('receive', row.status)) {
      // Not ours, or already received (a redelivery): nothing to do.
      if (!row) this.logger.warn({ msg: 'return parcel received for an unknown return', returnId: received.returnId });
      return;
    }
    await manager.query(
      `UPDATE returns SET status = 'RECEIVED', received_at = $2, warehouse_id = $3, return_shipment_id = coalesce(return_shipment_id, $4), updated_at = now() WHERE id = $1`,
      [row.id, received.receivedAt, received.warehouseId, received.shipmentId],
    );
    await this.notifications.queue(manager, returnNotice(row, 'RETURN_RECEIVED'));
  }

  /**
   * Inspection accounts for every returned unit once, RESALEABLE or DAMAGED: inventory restocks or writes
   * off from `return.inspected`. A refund return then asks orders for the money in the same transaction;
   * an exchange waits for ops to send the replacement.
   */
  async inspect(id: string, dto: InspectReturnDto): Promise<ReturnResponse> {
    await transitionReturn(this.dataSource, id, 'inspect', async (manager, row) => {
      const returned: ReturnRow[] = await manager.query(`SELECT * FROM return_lines WHERE return_id = $1`, [id]);
      const counted = new Map<string, { resaleable: number; damaged: number; notes: string[] }>();
      for (const [i, line] of dto.lines.entries()) {
        if (!returned.some((r) => r.sku === line.sku))
          throw new UnprocessableFieldError(
            'SKU_NOT_RETURNED',
            `lines.${i}.sku`,
            `${line.sku} is not part of return ${id}`,
          );
        const tally = counted.get(line.sku) ?? { resaleable: 0, damaged: 0, notes: [] };
        if (line.condition === 'RESALEABLE') tally.resaleable += line.quantity;
        else tally.damaged += line.quantity;
        if (line.note) tally.notes.push(line.note);
        counted.set(line.sku, tally);
      }
      for (const line of returned) {
        const tally = counted.get(line.sku);
        const total = tally ? tally.resaleable + tally.damaged : 0;
        if (total !== line.quantity)
          throw new UnprocessableFieldError(
            'INSPECTION_INCOMPLETE',
            'lines',
            `${line.sku}: ${line.quantity} unit(s) were returned, ${total} inspected`,
          );
        await manager.query(
          `UPDATE return_lines SET resaleable = $3, damaged = $4, note = $5 WHERE return_id = $1 AND sku = $2`,
          [id, line.sku, tally!.resaleable, tally!.damaged, tally!.notes.join('; ').slice(0, 500) || null],
        );
      }
      const inspectedAt = new Date();
      await manager.query(
        `UPDATE returns SET status = 'INSPECTED', inspected_at = $2, updated_at = now() WHERE id = $1`,
        [id, inspectedAt],
      );
      await this.outbox.publish(manager, ReturnInspected, {
        returnId: id,
        orderId: row.order_id,
        customerId: row.customer_id,
        ...(row.warehouse_id ? { warehouseId: row.warehouse_id } : {}),
        lines: dto.lines.map((line) => ({
          sku: line.sku,
          quantity: line.quantity,
          condition: line.condition,
          ...(line.note ? { note: line.note } : {}),
        })),
        inspectedAt: inspectedAt.toISOString(),
      });
      if (!row.exchange) await this.settlement.requestRefund(manager, row);
    });
    return this.queries.view(id);
  }
}
