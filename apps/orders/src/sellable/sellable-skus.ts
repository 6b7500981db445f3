import { Injectable } from '@nestjs/common';
import { DomainError } from '@emporium/platform';
import { DataSource } from 'typeorm';

/** A SKU as orders' read model knows it. */
export interface SellableSku {
  sku: string;
  merchantId: string;
  price: number | null;
  currency: string | null;
  productStatus: string | null;
  delistCause: string | null;
  merchantSuspended: boolean;
}

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  merchantId: string;
}

export interface LineRefusal {
  field: string;
  code: 'UNKNOWN_SKU' | 'SKU_NOT_LISTED' | 'MERCHANT_SUSPENDED' | 'CURRENCY_MISMATCH';
  message: string;
}

/**
 * Prices the requested lines from the read model, or says why each refused line cannot be sold. Pure:
 * the rule is unit-tested; `SellableSkus.price` feeds it from the database.
 */
export function priceLines(
  currency: string,
  lines: { sku: string; quantity: number }[],
  known: Map<string, SellableSku>,
): { priced: PricedLine[]; refusals: LineRefusal[] } {
  const priced: PricedLine[] = [];
  const refusals: LineRefusal[] = [];
  lines.forEach((line, index) => {
    const field = `lines.${index}.sku`;
    const sku = known.get(line.sku);
    if (!sku || sku.productStatus === null || sku.price === null || sku.currency === null) {
      refusals.push({ field, code: 'UNKNOWN_SKU', message: `${line.sku} is not sold here` });
    } else if (sku.merchantSuspended || sku.delistCause === 'MERCHANT_SUSPENDED') {
      refusals.push({ field, code: 'MERCHANT_SUSPENDED', message: `${line.sku} is sold by a suspended merchant` });
    } else if (sku.productStatus !== 'LISTED') {
      refusals.push({ field, code: 'SKU_NOT_LISTED', message: `${line.sku} is not on sale (${sku.productStatus})` });
    } else if (sku.currency !== currency) {
      refusals.push({
        field,
        code: 'CURRENCY_MISMATCH',
        message: `${line.sku} is sold in ${sku.currency}, not ${currency}`,
      });
    } else {
      priced.push({ sku: line.sku, quantity: line.quantity, unitPrice: sku.price, merchantId: sku.merchantId });
    }
  });
  return { priced, refusals };
}

/** 422: the lines cannot be sold as asked. `code` is the first line's; `errors` names every refused line. */
export class LinesNotSellableError extends DomainError {
  constructor(refusals: LineRefusal[]) {
    super(refusals[0].code, refusals.map((r) => `${r.field}: ${r.message}`).join('; '), 422, { errors: refusals });
  }
}

@Injectable()
export class SellableSkus {
  constructor(private readonly dataSource: DataSource) {}

  /** The server's prices for the lines, or a 422 naming every line that cannot be sold. */
  async price(currency: string, lines: { sku: string; quantity: number }[]): Promise<PricedLine[]> {
    const rows: SellableSku[] = await this.dataSource.query(
      `SELECT s.sku, s.merchant_id AS "merchantId", s.price::float8 AS price, s.currency, p.status AS "productStatus",
              p.delist_cause AS "delistCause", coalesce(m.suspended, false) AS "merchantSuspended"
         FROM sellable_skus s
         LEFT JOIN sellable_products p ON p.product_id = s.product_id
         LEFT JOIN merchant_standing m ON m.merchant_id = s.merchant_id
        WHERE s.sku = ANY($1::text[])`,
      [lines.map((line) => line.sku)],
    );
    const { priced, refusals } = priceLines(currency, lines, new Map(rows.map((row) => [row.sku, row])));
    if (refusals.length > 0) throw new LinesNotSellableError(refusals);
    return priced;
  }
}
