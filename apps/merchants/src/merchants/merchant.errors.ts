import { DomainError } from '@emporium/platform';
import { MerchantStatus } from './merchant-status';

export class IllegalMerchantTransitionError extends DomainError {
  constructor(merchantId: string, from: MerchantStatus, to: MerchantStatus) {
    super('ILLEGAL_MERCHANT_TRANSITION', `merchant ${merchantId} cannot go from ${from} to ${to}`, 409, {
      merchantId,
      from,
      to,
    });
  }
}

export class MerchantAlreadyRegisteredError extends DomainError {
  constructor(merchantId: string) {
    super('MERCHANT_ALREADY_REGISTERED', `this user already registered merchant ${merchantId}`, 409, { merchantId });
  }
}

/** Reinstating a merchant whose papers are out of date would only get it suspended again by the next sweep. */
export class DocumentExpiredError extends DomainError {
  constructor(merchantId: string, documents: { documentId: string; type: string; expiresOn: string }[]) {
    super(
      'DOCUMENT_EXPIRED',
      `merchant ${merchantId} has expired qualification documents; add current ones first`,
      409,
      { merchantId, documents },
    );
  }
}
