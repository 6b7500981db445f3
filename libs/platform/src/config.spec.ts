import { ConfigError, loadConfig, platformDefaults, ServiceConfig } from './config';

describe('loadConfig', () => {
  const defaults = platformDefaults('orders', 3004);

  it('uses the laptop defaults in development mode, listening on loopback', () => {
    const config = loadConfig(ServiceConfig, defaults, { EMPORIUM_DEV_MODE: 'true' });
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 3004, KAFKA_TOPIC_PREFIX: '', OUTBOX_RELAY_ENABLED: true, DATABASE_URL: expect.stringContaining('emporium_orders') });
  });

  it('takes values from the environment, converting numbers and booleans', () => {
    const config = loadConfig(ServiceConfig, defaults, { EMPORIUM_DEV_MODE: 'true', PORT: '8080', OUTBOX_RELAY_ENABLED: 'false', KAFKA_TOPIC_PREFIX: 'run1.' });
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

  // Security probe, issue 11 finding 3: the public default secret let anyone mint an ops token.
  it('refuses the public development secret outside development mode', () => {
    expect(() => loadConfig(ServiceConfig, defaults, {})).toThrow(/JWT_SECRET: the development default is public/);
    expect(() => loadConfig(ServiceConfig, defaults, { EMPORIUM_DEV_MODE: 'false' })).toThrow(ConfigError);
  });

  it('with a real secret, starts outside development mode and listens on every interface (a container)', () => {
    const config = loadConfig(ServiceConfig, defaults, { JWT_SECRET: 'a-production-secret-of-some-length' });
    expect(config).toMatchObject({ EMPORIUM_DEV_MODE: false, HOST: '0.0.0.0' });
    expect(loadConfig(ServiceConfig, defaults, { JWT_SECRET: 'a-production-secret-of-some-length', HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5');
  });
});
