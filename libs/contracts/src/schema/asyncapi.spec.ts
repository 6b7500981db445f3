import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import * as fs from 'node:fs';
import { keyFieldOf } from '../event-definition';
import { ALL_EVENTS } from '../registry';
import { paths } from './documents';

describe('the committed AsyncAPI document', () => {
  it('is valid AsyncAPI 3 (official parser, no errors) and describes every event version', async () => {
    const { document, diagnostics } = await new Parser().parse(fs.readFileSync(paths.asyncApi, 'utf8'));
    const errors = diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    const messageNames = document!
      .components()
      .messages()
      .all()
      .map((message) => message.name());
    expect(messageNames.sort()).toEqual(ALL_EVENTS.map((definition) => definition.type).sort());
    for (const message of document!.components().messages().all()) {
      expect(message.payload()?.type()).toBe('object');
      expect(message.examples().length).toBeGreaterThan(0);
    }
  });

  it('states each event’s Kafka key truthfully, and which streams mix keys', async () => {
    const { document } = await new Parser().parse(fs.readFileSync(paths.asyncApi, 'utf8'));
    for (const definition of ALL_EVENTS) {
      const message = document!
        .components()
        .messages()
        .all()
        .find((m) => m.name() === definition.type)!;
      // The key is read off the example through subjectOf, the function the outbox keys messages with.
      expect({ type: definition.type, description: message.description() }).toEqual({
        type: definition.type,
        description: expect.stringContaining(`\`${keyFieldOf(definition)}\``),
      });
    }
    expect(keyFieldOf(ALL_EVENTS.find((d) => d.type === 'inventory.stock.reserved.v1')!)).toBe('orderId');
    expect(keyFieldOf(ALL_EVENTS.find((d) => d.type === 'inventory.stock.low.v1')!)).toBe('sku');
    const stock = document!
      .channels()
      .all()
      .find((channel) => channel.address() === 'inventory.stock.v1')!;
    expect(stock.description()).toMatch(/more than one key: by `sku` for .*low.*; by `orderId` for .*reserved/);
    expect(stock.description()).not.toMatch(/aggregate id/);
  });

  it('says how to connect securely: TLS and SASL servers with their security schemes', async () => {
    const { document } = await new Parser().parse(fs.readFileSync(paths.asyncApi, 'utf8'));
    const production = document!.servers().get('production')!;
    expect(production.protocol()).toBe('kafka-secure');
    expect(
      production
        .security()
        .map((requirement) => requirement.all()[0].scheme().type())
        .sort(),
    ).toEqual(['X509', 'oauth2', 'plain', 'scramSha256', 'scramSha512']);
    expect(document!.servers().get('local-sasl')!.host()).toBe('127.0.0.1:9094');
  });
});
