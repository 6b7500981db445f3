import { nextManifest, schemasDigest } from './documents';
import { JsonSchema } from './json-schema';

describe('the contracts package version', () => {
  const schemas = new Map<string, JsonSchema>([
    ['orders.order.placed.v1', { type: 'object', properties: { orderId: { type: 'string' } } }],
  ]);
  const digest = schemasDigest(schemas);

  it('stays when the schemas are unchanged', () => {
    const manifest = { name: '@emporium/contracts', version: '1.3.2', emporium: { schemasSha256: digest } };
    expect(nextManifest(manifest, digest)).toBe(manifest);
  });

  it('raises the minor (and resets the patch) when any schema changes', () => {
    const widened = new Map<string, JsonSchema>([
      ...schemas,
      [
        'orders.order.placed.v1',
        { type: 'object', properties: { orderId: { type: 'string' }, note: { type: 'string' } } },
      ],
    ]);
    expect(schemasDigest(widened)).not.toBe(digest);
    expect(nextManifest({ version: '1.3.2', emporium: { schemasSha256: digest } }, schemasDigest(widened))).toEqual({
      version: '1.4.0',
      emporium: { schemasSha256: schemasDigest(widened) },
    });
  });

  it('does not depend on the order the events are declared in', () => {
    const a = new Map<string, JsonSchema>([
      ['a.v1', { type: 'object' }],
      ['b.v1', { type: 'string' }],
    ]);
    const b = new Map<string, JsonSchema>([
      ['b.v1', { type: 'string' }],
      ['a.v1', { type: 'object' }],
    ]);
    expect(schemasDigest(a)).toBe(schemasDigest(b));
  });

  it('keeps the first release’s version when no digest was recorded yet', () => {
    expect(nextManifest({ version: '1.0.0', emporium: { schemasSha256: '' } }, digest)).toEqual({
      version: '1.0.0',
      emporium: { schemasSha256: digest },
    });
  });
});
