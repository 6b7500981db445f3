import { DomainError, InvalidInputException } from '@emporium/platform';

export class WarehouseExistsError extends DomainError {
  constructor(id: string) {
    super('WAREHOUSE_EXISTS', `warehouse ${id} already exists`, 409, { warehouseId: id });
  }
}

/** An unknown warehouse in a request is bad input: a 400 naming the field, like any other invalid value. */
export function unknownWarehouse(id: string, field = 'warehouseId'): InvalidInputException {
  return new InvalidInputException([{ field, message: `unknown warehouse ${id}` }]);
}
