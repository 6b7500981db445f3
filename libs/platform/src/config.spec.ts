import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ConfigError,
  kafkaClientSettings,
  kafkaSecurityFrom,
  loadConfig,
  platformDefaults,
  ServiceConfig,
} from './config';

describe('loadConfig', () => {
  const defaults = platformDefaults('orders', 3004);

  it('uses the laptop defaults in development mode, listening on loopback', () => {
    const config = loadConfig(ServiceConfig, defaults, { EMPORIUM_DEV_MODE: 'true' });
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3004,
      KAFKA_TOPIC_PREFIX: '',
      OUTBOX_RELAY_ENABLED: true,
      DATABASE_URL: expect.stringContaining('emporium_orders'),
    });
  });

  it('takes values from the environment, converting numbers and booleans', () => {
    const config = loadConfig(ServiceConfig, defaults, {
      EMPORIUM_DEV_MODE: 'true',
      PORT: '8080',
      OUTBOX_RELAY_ENABLED: 'false',
      KAFKA_TOPIC_PREFIX: 'run1.',
    });
    expect(config).toMatchObject({ PORT: 8080, OUTBOX_RELAY_ENABLED: false, KAFKA_TOPIC_PREFIX: 'run1.' });
  });

  it('lists every invalid variable at once', () => {
    expect(() =>
      loadConfig(ServiceConfig, defaults, { PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' }),
    ).toThrow(ConfigError);
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
    expect(
      loadConfig(ServiceConfig, defaults, { JWT_SECRET: 'a-production-secret-of-some-length', HOST: '10.0.0.5' }).HOST,
    ).toBe('10.0.0.5');
  });
});

describe('Kafka TLS and SASL settings', () => {
  const defaults = { ...platformDefaults('orders', 3004), EMPORIUM_DEV_MODE: 'true' };
  const dir = mkdtempSync(path.join(tmpdir(), 'emporium-config-'));
  const file = (name: string, content: string) => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(ServiceConfig, defaults, env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('is PLAINTEXT without SASL by default', () => {
    expect(kafkaSecurityFrom(loadConfig(ServiceConfig, defaults, {}))).toEqual({});
  });

  it('reads the CA, certificate and key files and the password file', () => {
    const config = loadConfig(ServiceConfig, defaults, {
      KAFKA_SSL_ENABLED: 'true',
      KAFKA_SSL_CA_FILE: file('ca.pem', 'CA'),
      KAFKA_SSL_CERT_FILE: file('cert.pem', 'CERT'),
      KAFKA_SSL_KEY_FILE: file('key.pem', 'KEY'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc-orders',
      KAFKA_SASL_PASSWORD_FILE: file('password', 's3cret\n'),
    });
    expect(kafkaSecurityFrom(config)).toEqual({
      ssl: { rejectUnauthorized: true, ca: 'CA', cert: 'CERT', key: 'KEY', passphrase: undefined },
      sasl: { mechanism: 'scram-sha-512', username: 'svc-orders', password: 's3cret' },
    });
  });

  it('treats empty variables as unset, as Helm and compose render them', () => {
    expect(
      kafkaSecurityFrom(loadConfig(ServiceConfig, defaults, { KAFKA_SASL_MECHANISM: '', KAFKA_SSL_CA_FILE: '' })),
    ).toEqual({});
  });

  it('names what is missing or unreadable', () => {
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toMatch(
      /KAFKA_SASL_USERNAME[\s\S]*KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE/,
    );
    expect(problems({ KAFKA_SASL_MECHANISM: 'gssapi' })).toMatch(/KAFKA_SASL_MECHANISM/);
    expect(problems({ KAFKA_SSL_ENABLED: 'true', KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem') })).toMatch(
      /KAFKA_SSL_CA_FILE must name a readable file/,
    );
    expect(problems({ KAFKA_SSL_ENABLED: 'true', KAFKA_SSL_CERT_FILE: file('only-cert.pem', 'CERT') })).toMatch(
      /KAFKA_SSL_KEY_FILE/,
    );
    expect(problems({ KAFKA_SASL_MECHANISM: 'oauthbearer' })).toMatch(/KAFKA_SASL_OAUTHBEARER_TOKEN_FILE/);
  });

  it('re-reads the OAUTHBEARER token file on every authentication', async () => {
    const tokenFile = file('token', 'first');
    const security = kafkaSecurityFrom(
      loadConfig(ServiceConfig, defaults, {
        KAFKA_SSL_ENABLED: 'true',
        KAFKA_SASL_MECHANISM: 'oauthbearer',
        KAFKA_SASL_OAUTHBEARER_TOKEN_FILE: tokenFile,
      }),
    );
    const sasl = security.sasl as { mechanism: 'oauthbearer'; token: () => Promise<string> };
    expect(await sasl.token()).toBe('first');
    writeFileSync(tokenFile, 'rotated\n');
    expect(await sasl.token()).toBe('rotated');
  });
});

describe('kafkaClientSettings (the topics job, dead-letter replay)', () => {
  it('needs no JWT setting: the tools verify no tokens', () => {
    expect(kafkaClientSettings({ KAFKA_BROKERS: '10.0.0.1:9092,10.0.0.2:9092' }).brokers).toEqual([
      '10.0.0.1:9092',
      '10.0.0.2:9092',
    ]);
  });
});
