import { EnvelopeError, fromCloudEventHeaders, toCloudEventHeaders } from './envelope';

describe('CloudEvents binary-mode headers', () => {
  const metadata = {
    id: '3f1c5b8e-8f7a-4c1e-9d2b-6a7e5c4d3b2a',
    type: 'orders.order.placed.v1',
    source: '/emporium/orders',
    time: '2026-11-22T10:00:00.000Z',
    subject: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    correlationId: 'c1',
    causationId: 'c0',
    traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  };

  it('round-trips every attribute', () => {
    const headers = toCloudEventHeaders(metadata);
    expect(headers).toMatchObject({
      ce_specversion: '1.0',
      'content-type': 'application/json',
      ce_type: 'orders.order.placed.v1',
    });
    expect(fromCloudEventHeaders(headers)).toEqual({ ...metadata, traceState: undefined });
  });

  it('names the missing headers', () => {
    expect(() => fromCloudEventHeaders({ ce_specversion: '1.0', ce_type: 'x' })).toThrow(
      new EnvelopeError('missing CloudEvents header(s): ce_id, ce_source, ce_time, ce_subject'),
    );
  });

  it('refuses another spec version', () => {
    expect(() => fromCloudEventHeaders({ ...toCloudEventHeaders(metadata), ce_specversion: '0.3' })).toThrow(
      /unsupported ce_specversion/,
    );
  });
});
