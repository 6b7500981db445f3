import { integrationSuite } from '@emporium/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpPromotions, PromotionsUnavailableError } from '../src/checkout/promotions';
import { HttpShippingQuotes, ShippingUnavailableError } from '../src/checkout/shipping-quotes';
import { HAMBURG } from './orders.fixtures';

/**
 * The HTTP adapters' failure modes against real sockets: the customer gets a 503, never a hang or a 500.
 * No service, no broker: the suite only gives the file the harness's lifecycle.
 */
integrationSuite(
  'checkout adapters: HttpShippingQuotes and HttpPromotions (logistics or marketing unreachable or silent)',
  { topics: false },
  () => {
    const request = {
      customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
      shippingAddress: HAMBURG,
      deliveryOption: 'STANDARD' as const,
      lines: [{ sku: 'A', quantity: 1 }],
    };
    let silent: Server;
    let closedPort: number;

    beforeAll(async () => {
      // A server that accepts and never answers: the timeout must fire.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      closedPort = (probe.address() as AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));
    });

    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('a closed port is 503 SHIPPING_UNAVAILABLE', async () => {
      const quotes = new HttpShippingQuotes(`http://127.0.0.1:${closedPort}`, 1000, () => 'token');
      await expect(quotes.quote(request)).rejects.toMatchObject({ code: 'SHIPPING_UNAVAILABLE', status: 503 });
    });

    it('no answer within the timeout is 503 SHIPPING_UNAVAILABLE', async () => {
      const quotes = new HttpShippingQuotes(
        `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        300,
        () => 'token',
      );
      const started = Date.now();
      const error = await quotes.quote(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShippingUnavailableError);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    const cart = {
      customerId: request.customerId,
      currency: 'EUR',
      lines: request.lines,
      couponCodes: ['WELCOME4'],
      shippingFee: 450,
    };

    it('marketing on a closed port is 503 PROMOTIONS_UNAVAILABLE', async () => {
      const promotions = new HttpPromotions(`http://127.0.0.1:${closedPort}`, 1000, () => 'token');
      await expect(promotions.quote(cart)).rejects.toMatchObject({ code: 'PROMOTIONS_UNAVAILABLE', status: 503 });
    });

    it('marketing silent past the timeout is 503 PROMOTIONS_UNAVAILABLE', async () => {
      const promotions = new HttpPromotions(
        `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        300,
        () => 'token',
      );
      await expect(promotions.quote(cart)).rejects.toBeInstanceOf(PromotionsUnavailableError);
    });
  },
);
