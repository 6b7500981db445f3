import { DomainError } from '@emporium/platform';
import { ProductStatus } from '@emporium/contracts';

export class IllegalProductTransitionError extends DomainError {
  constructor(productId: string, from: ProductStatus, to: ProductStatus) {
    super('ILLEGAL_PRODUCT_TRANSITION', `product ${productId} cannot go from ${from} to ${to}`, 409, {
      productId,
      from,
      to,
    });
  }
}

/** Ops review a snapshot: the content may not change under them. */
export class ProductInReviewError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT_IN_REVIEW', `product ${productId} is being reviewed and cannot be edited until ops decide`, 409, {
      productId,
    });
  }
}

export class MerchantNotApprovedError extends DomainError {
  constructor(merchantId: string, status: string) {
    super(
      'MERCHANT_NOT_APPROVED',
      `merchant ${merchantId} is ${status}: only products of approved merchants can be listed`,
      409,
      { merchantId, merchantStatus: status },
    );
  }
}

export class SkuExistsError extends DomainError {
  constructor(sku: string) {
    super('SKU_EXISTS', `SKU ${sku} already exists`, 409, { sku });
  }
}

/**
 * Another merchant's code: the answer names no code and says nothing about who holds it, so a
 * merchant cannot enumerate the catalogue's SKUs one 409 at a time beyond the codes it sent.
 */
export class SkuUnavailableError extends DomainError {
  constructor() {
    super('SKU_UNAVAILABLE', 'one of the SKU codes cannot be used; choose codes with your own prefix', 409, {});
  }
}

export class MerchantSuspendedError extends DomainError {
  constructor(merchantId: string, status: string) {
    super('MERCHANT_NOT_ACTIVE', `merchant ${merchantId} is ${status} and may not create products`, 403, {
      merchantId,
      merchantStatus: status,
    });
  }
}

/** An edit to a listed product must keep passing the checks it was listed with. */
export class QualityChecksFailedError extends DomainError {
  constructor(productId: string, findings: { code: string; field: string; message: string }[]) {
    super('QUALITY_CHECKS_FAILED', `the change would make product ${productId} fail its quality checks`, 422, {
      productId,
      findings,
    });
  }
}
