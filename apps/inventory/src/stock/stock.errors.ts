import { DomainError } from '@emporium/platform';

export class InsufficientStockError extends DomainError {
  constructor(sku: string, warehouseId: string, requested: number, available: number) {
    super('INSUFFICIENT_STOCK', `${sku} in ${warehouseId}: requested ${requested}, available ${available}`, 409, {
      sku,
      warehouseId,
      requested,
      available,
    });
  }
}

/** Releasing or committing more than is reserved would make the books lie: always a bug upstream. */
export class ReservedUnderflowError extends DomainError {
  constructor(sku: string, warehouseId: string, requested: number, reserved: number) {
    super('RESERVED_UNDERFLOW', `${sku} in ${warehouseId}: cannot take ${requested} from ${reserved} reserved`, 409, {
      sku,
      warehouseId,
      requested,
      reserved,
    });
  }
}

export class InvalidQuantityError extends DomainError {
  constructor(quantity: number) {
    super('INVALID_QUANTITY', `quantity must be a positive integer, got ${quantity}`, 400);
  }
}

/** A count below what is promised to orders: those orders must be cancelled (released) first. */
export class CountBelowReservedError extends DomainError {
  constructor(sku: string, warehouseId: string, counted: number, reserved: number) {
    super(
      'COUNT_BELOW_RESERVED',
      `${sku} in ${warehouseId}: counted ${counted} but ${reserved} are reserved for orders; release those orders first`,
      409,
      { sku, warehouseId, counted, reserved },
    );
  }
}

export class IllegalReservationTransitionError extends DomainError {
  constructor(id: string, from: string, to: string) {
    super('ILLEGAL_RESERVATION_TRANSITION', `reservation ${id} cannot go from ${from} to ${to}`, 409, {
      reservationId: id,
      from,
      to,
    });
  }
}

export class ReservationNotExpiredError extends DomainError {
  constructor(id: string, expiresAt: Date) {
    super('RESERVATION_NOT_EXPIRED', `reservation ${id} expires at ${expiresAt.toISOString()}`, 409, {
      reservationId: id,
    });
  }
}
