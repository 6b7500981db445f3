import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CarrierGateway, Label, LabelRequest } from './carrier-gateway';

/**
 * SANDBOX carrier adapter: a real implementation of the port that books nothing with any real carrier.
 * It derives the tracking number from the idempotency key, so a retried booking gets the same label, as a
 * real carrier API with idempotency keys would answer. Postal code `00000` is refused, to exercise the
 * failure path (the booking is retried on the next poll and the error kept on the shipment).
 */
@Injectable()
export class SandboxCarrierGateway extends CarrierGateway {
  async createLabel(request: LabelRequest): Promise<Label> {
    if (request.address?.postalCode === '00000')
      throw new Error('sandbox carrier: postal code 00000 is not deliverable');
    const digest = createHash('sha256')
      .update(`${request.carrier}:${request.idempotencyKey}`)
      .digest('hex')
      .slice(0, 12)
      .toUpperCase();
    const prefix = request.carrier.replace(/[^A-Z0-9]/g, '').slice(0, 8);
    const trackingNumber = `${request.kind === 'RETURN' ? 'R' : ''}${prefix}-${digest}`;
    return {
      trackingNumber,
      label: {
        format: 'PDF',
        url: `https://sandbox-carrier.invalid/labels/${trackingNumber}.pdf`,
        routingCode: `${request.address?.country ?? 'XX'}-${request.address?.postalCode ?? '00000'}-${request.serviceLevel.slice(0, 3)}`,
        carrier: request.carrier,
        serviceLevel: request.serviceLevel,
      },
    };
  }
}
