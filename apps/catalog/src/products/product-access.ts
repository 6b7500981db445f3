import { ForbiddenException } from '@nestjs/common';
import { InvalidInputException, NotFoundError, ownerScope, Principal } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import { Category } from '../categories/category.entity';
import { MerchantStanding } from './merchant-standing.entity';
import { Product } from './product.entity';
import { MerchantNotApprovedError, MerchantSuspendedError } from './product.errors';

/** Who may act on a product, and the row lock every change takes first: shared by the products services. */

export function mayManage(product: Product, principal: Principal): boolean {
  // Narrowest scope wins: holding `merchant` confines a token to its merchant's products, even with ops.
  if (principal.roles.includes('merchant'))
    return !!principal.merchantId && ownerScope(principal, 'merchant') === product.merchantId;
  return principal.roles.includes('ops');
}

export function merchantOf(principal: Principal): string {
  if (!principal.merchantId) throw new ForbiddenException('The token does not name a merchant (merchantId claim)');
  return principal.merchantId;
}

export async function lockProduct(manager: EntityManager, id: string): Promise<Product> {
  const product = await manager.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!product) throw new NotFoundError('product', id);
  return product;
}

export async function lockOwnedProduct(manager: EntityManager, id: string, principal: Principal): Promise<Product> {
  const product = await lockProduct(manager, id);
  if (!mayManage(product, principal)) throw new ForbiddenException('A merchant may only manage its own products');
  return product;
}

/** A suspended or rejected merchant creates nothing; a merchant still in review may prepare drafts. */
export async function refuseInactiveMerchant(manager: EntityManager, merchantId: string): Promise<void> {
  const standing = await manager.findOneBy(MerchantStanding, { merchantId });
  if (standing && (standing.status === 'SUSPENDED' || standing.status === 'REJECTED'))
    throw new MerchantSuspendedError(merchantId, standing.status);
}

export async function requireApprovedMerchant(manager: EntityManager, merchantId: string): Promise<void> {
  const standing = await manager.findOneBy(MerchantStanding, { merchantId });
  if (standing?.status !== 'APPROVED') throw new MerchantNotApprovedError(merchantId, standing?.status ?? 'UNKNOWN');
}

export async function requireCategory(manager: EntityManager, id: string, field: string): Promise<void> {
  if (!(await manager.existsBy(Category, { id })))
    throw new InvalidInputException([{ field, message: 'no such category' }]);
}

/**
 * Writes the workflow's columns only: min_price, ratings and units_sold are kept by set-based SQL in
 * the same transactions, and a whole-entity save would write stale copies of them back.
 */
export async function saveWorkflow(manager: EntityManager, product: Product): Promise<void> {
  await manager.update(Product, { id: product.id }, product.workflowState());
}
