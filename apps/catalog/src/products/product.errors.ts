import { DomainError } from '@emporium/platform';
import { ProductStatus } from '@emporium/contracts';

export class IllegalProductTransitionError extends DomainError {
  constructor(productId: string, from: ProductStatus, to: ProductStatus) {
    super('ILLEGAL_PRODUCT_TRANSITION', `product ${productId} cannot go from ${from} to ${to}`, 409, { productId, from, to });
  }
}

/** Ops review a snapshot: the content may not change under them. */
export class ProductInReviewError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT_IN_REVIEW', `product ${productId} is being reviewed and cannot be edited until ops decide`, 409, { productId });
  }
}

export class MerchantNotApprovedError extends DomainError {
  constructor(merchantId: string, status: string) {
    super('MERCHANT_NOT_APPROVED', `merchant ${merchantId} is ${status}: only products of approved merchants can be listed`, 409, { merchantId, merchantStatus: status });
  }
}

export class SkuExistsError extends DomainError {
  constructor(sku: string) {
    super('SKU_EXISTS', `SKU ${sku} already exists`, 409, { sku });
  }
}

/** An edit to a listed product must keep passing the checks it was listed with. */
export class QualityChecksFailedError extends DomainError {
  constructor(productId: string, findings: { code: string; field: string; message: string }[]) {
    super('QUALITY_CHECKS_FAILED', `the change would make product ${productId} fail its quality checks`, 422, { productId, findings });
  }
}
