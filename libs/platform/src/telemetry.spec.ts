import { instrumentationNames } from './telemetry';

describe('instrumentationNames: spans are built only when someone receives them', () => {
  it('runs only http (trace ids in logs, traceparent across HTTP and Kafka) when no exporter is set', () => {
    expect(instrumentationNames(false)).toEqual(['http']);
    expect(instrumentationNames(false, 'pg')).toEqual(['http']);
  });

  it('runs all four when traces are exported', () => {
    expect(instrumentationNames(true)).toEqual(['http', 'express', 'nestjs-core', 'pg']);
  });

  it('leaves out those named in OTEL_NODE_DISABLED_INSTRUMENTATIONS when exporting', () => {
    expect(instrumentationNames(true, 'pg, express')).toEqual(['http', 'nestjs-core']);
  });
});
