import { DomainError } from '@emporium/platform';

export class InsufficientStockError extends DomainError {
  constructor(sku: string, warehouseId: string, requested: number, available: number) {
    super('INSUFFICIENT_STOCK', `${sku} in ${warehouseId}: requested ${requested}, available ${available}`, 409, { sku, warehouseId, requested, available });
  }
}

export class IllegalReservationTransitionError extends DomainError {
  constructor(id: string, from: string, to: string) {
    super('ILLEGAL_RESERVATION_TRANSITION', `reservation ${id} cannot go from ${from} to ${to}`);
  }
}
