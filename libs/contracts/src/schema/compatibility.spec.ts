import { breakingChanges } from './compatibility';

const published = {
  type: 'object',
  required: ['orderId', 'lines'],
  properties: {
    orderId: { type: 'string', format: 'uuid' },
    note: { type: 'string' },
    reason: { enum: ['A', 'B'] },
    lines: { type: 'array', items: { $ref: '#/definitions/Line' } },
  },
  definitions: {
    Line: {
      type: 'object',
      required: ['sku'],
      properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
    },
  },
};
const clone = () => JSON.parse(JSON.stringify(published));

describe('breakingChanges', () => {
  it('accepts an identical schema', () => {
    expect(breakingChanges(published, clone())).toEqual([]);
  });

  it('accepts a new optional property, at the top and in a definition', () => {
    const current = clone();
    current.properties.giftWrap = { type: 'boolean' };
    current.definitions.Line.properties.colour = { type: 'string' };
    expect(breakingChanges(published, current)).toEqual([]);
  });

  it('rejects a removed property', () => {
    const current = clone();
    delete current.properties.note;
    expect(breakingChanges(published, current)).toEqual(['$.note: property was removed']);
  });

  it('rejects a changed type or format', () => {
    const current = clone();
    current.properties.orderId = { type: 'integer' };
    expect(breakingChanges(published, current)).toHaveLength(2);
  });

  it('rejects a new required field, including inside a definition', () => {
    const current = clone();
    current.required.push('note');
    current.definitions.Line.required.push('quantity');
    const problems = breakingChanges(published, current);
    expect(problems).toHaveLength(2);
    expect(problems[1]).toContain('definitions.Line: required changed');
  });

  it('rejects a changed enum and a tightened bound', () => {
    const current = clone();
    current.properties.reason.enum = ['A'];
    current.definitions.Line.properties.quantity.minimum = 2;
    expect(breakingChanges(published, current)).toHaveLength(2);
  });

  it('rejects a removed definition', () => {
    const current = clone();
    delete current.definitions.Line;
    expect(breakingChanges(published, current)).toContain('$: definition Line was removed');
  });
});
