import { loadOrdersConfig } from './config';

describe('orders configuration', () => {
  const production = { EMPORIUM_DEV_MODE: 'false', JWT_SECRET: 'a-real-secret-of-at-least-32-characters-long!!' };

  it('refuses the public development webhook secret outside dev mode', () => {
    expect(() => loadOrdersConfig(production)).toThrow(/PAYMENT_WEBHOOK_SECRET: the development default is public/);
    expect(
      loadOrdersConfig({ ...production, PAYMENT_WEBHOOK_SECRET: 'a-secret-from-the-vault-123' }).PAYMENT_WEBHOOK_SECRET,
    ).toBe('a-secret-from-the-vault-123');
  });

  it('defaults: a 7-day return window, no logistics or marketing (orders alone)', () => {
    const config = loadOrdersConfig({ EMPORIUM_DEV_MODE: 'true' });
    expect(config.ORDER_RETURN_WINDOW_SECONDS).toBe(604_800);
    expect(config.LOGISTICS_URL).toBeUndefined();
    expect(config.MARKETING_URL).toBeUndefined();
  });
});
