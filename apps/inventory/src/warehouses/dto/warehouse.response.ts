// Response bodies as the OpenAPI document shows them (swagger plugin, npm run openapi:generate).

export class WarehouseResponse {
  /** A short code ops choose (MAIN, BER-1) */
  id: string;
  name: string;
  region: string;
  /** Lower comes first among warehouses of the same region */
  priority: number;
  /** ISO 8601 UTC */
  createdAt: string;
}
