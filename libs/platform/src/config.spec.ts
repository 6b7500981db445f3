import { ConfigError, loadConfig, platformDefaults, ServiceConfig } from './config';

describe('loadConfig', () => {
  const defaults = platformDefaults('orders', 3004);

  it('uses the laptop defaults when nothing is set', () => {
    const config = loadConfig(ServiceConfig, defaults, {});
    expect(config).toMatchObject({ PORT: 3004, KAFKA_TOPIC_PREFIX: '', OUTBOX_RELAY_ENABLED: true, DATABASE_URL: expect.stringContaining('emporium_orders') });
  });

  it('takes values from the environment, converting numbers and booleans', () => {
    const config = loadConfig(ServiceConfig, defaults, { PORT: '8080', OUTBOX_RELAY_ENABLED: 'false', KAFKA_TOPIC_PREFIX: 'run1.' });
    expect(config).toMatchObject({ PORT: 8080, OUTBOX_RELAY_ENABLED: false, KAFKA_TOPIC_PREFIX: 'run1.' });
  });

  it('lists every invalid variable at once', () => {
    expect(() => loadConfig(ServiceConfig, defaults, { PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadConfig(ServiceConfig, defaults, { PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT[\s\S]*DATABASE_URL[\s\S]*JWT_SECRET/);
    }
  });
});
