import { DomainEvent, ProductPriceChangedV1, SkuAddedV1 } from '@emporium/contracts';
import { EntityManager } from 'typeorm';

/**
 * The read model `ShippingPlanner.profiles` reads (weight, box, merchant and price of each SKU), fed by
 * catalog's events.
 */
export class SkuProfiles {
  static async remember({ data }: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    const { sku, merchantId, weightGrams, dimensions, price } = data;
    await manager.query(
      `INSERT INTO sku_profiles (sku, merchant_id, weight_grams, length_mm, width_mm, height_mm, price) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (sku) DO UPDATE SET merchant_id = $2, weight_grams = $3, length_mm = $4, width_mm = $5, height_mm = $6, price = $7, updated_at = now()`,
      [sku, merchantId, weightGrams, dimensions.lengthMm, dimensions.widthMm, dimensions.heightMm, price],
    );
  }

  /** The goods value a member's free-shipping threshold is checked against follows catalog's price. */
  static async rememberPrice({ data }: DomainEvent<ProductPriceChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE sku_profiles SET price = $2, updated_at = now() WHERE sku = $1`, [
      data.sku,
      data.price,
    ]);
  }
}
