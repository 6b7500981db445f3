import { NotFoundError } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import { Shipment, shipmentFromRow } from './shipment.view';

/** The shipment's row, locked for the caller's transaction; every action on a shipment starts here. */
export async function lockShipment(manager: EntityManager, id: string): Promise<Shipment> {
  const [row] = await manager.query(`SELECT * FROM shipments WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new NotFoundError('shipment', id);
  return shipmentFromRow(row);
}

/** `set` is the SQL SET list; `$1` is the id, the caller's params follow from `$2`. */
export async function updateShipment(
  manager: EntityManager,
  id: string,
  set: string,
  params: unknown[] = [],
): Promise<Shipment> {
  const [rows] = await manager.query(`UPDATE shipments SET ${set} WHERE id = $1 RETURNING *`, [id, ...params]);
  return shipmentFromRow(rows[0]);
}
