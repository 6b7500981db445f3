// Response bodies as the OpenAPI document shows them (swagger plugin, npm run openapi:generate).

export class StocktakeLineResponse {
  sku: string;
  /** On hand according to the ledger just before the count was applied */
  expected: number;
  counted: number;
  /** counted − expected: negative is shrinkage, positive a surplus */
  variance: number;
  /** List price, minor units; null when the catalog never announced the SKU */
  unitPrice: number | null;
  currency: string | null;
}

export class MoneyTotalResponse {
  /** ISO 4217 */
  currency: string;
  /** Minor units */
  amount: number;
}

export class StocktakeResponse {
  id: string;
  warehouseId: string;
  reason: string;
  countedBy: string;
  /** ISO 8601 UTC */
  createdAt: string;
  lines: StocktakeLineResponse[];
  shrinkageUnits: number;
  surplusUnits: number;
  netVarianceUnits: number;
  /** At list price, per currency */
  shrinkageValue: MoneyTotalResponse[];
  surplusValue: MoneyTotalResponse[];
}
