/**
 * OpenTelemetry bootstrap. Import and call this before anything else in main.ts, so the HTTP, Express,
 * pg and Nest instrumentations can patch those modules as they load. Exporters follow the standard
 * OTEL_* variables: OTEL_EXPORTER_OTLP_ENDPOINT sends traces over OTLP/HTTP; OTEL_TRACES_EXPORTER=none
 * (or no endpoint) keeps tracing local, which still gives every log line and event a trace id.
 */
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';

let sdk: NodeSDK | undefined;

export function startTelemetry(service: string): void {
  if (sdk) return;
  const exportTraces =
    Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) &&
    process.env.OTEL_TRACES_EXPORTER !== 'none';
  // The SDK registers its tracer provider and W3C propagator only when it has a span processor; without an
  // exporter we still want both, so trace ids reach logs and the traceparent header reaches Kafka.
  const spanProcessors: SpanProcessor[] = [
    exportTraces ? new BatchSpanProcessor(new OTLPTraceExporter()) : new NoopSpanProcessor(),
  ];
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? service,
    spanProcessors,
    instrumentations: enabledInstrumentations(exportTraces),
  });
  sdk.start();
}

/**
 * Which instrumentations run. Without an exporter only `http` does: it extracts and injects `traceparent`, so
 * trace ids still reach every log line and cross HTTP and Kafka, while Express, Nest and pg spans that
 * nobody receives are not built (they were ~10 % of a service's CPU under bench:orders, the pg span on each
 * query the largest). With an exporter all four run, less those named in `OTEL_NODE_DISABLED_INSTRUMENTATIONS`
 * (the variable OpenTelemetry's Node auto-instrumentation reads; comma-separated `http`, `express`,
 * `nestjs-core`, `pg`), so a deployment may still trade PostgreSQL spans for throughput.
 */
export function instrumentationNames(exportTraces: boolean, disabledList = ''): string[] {
  if (!exportTraces) return ['http'];
  const disabled = new Set(disabledList.split(',').map((name) => name.trim()));
  return ['http', 'express', 'nestjs-core', 'pg'].filter((name) => !disabled.has(name));
}

function enabledInstrumentations(exportTraces: boolean) {
  const make: Record<
    string,
    () => HttpInstrumentation | ExpressInstrumentation | NestInstrumentation | PgInstrumentation
  > = {
    http: () =>
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)/.test(request.url ?? ''),
      }),
    express: () => new ExpressInstrumentation(),
    'nestjs-core': () => new NestInstrumentation(),
    pg: () => new PgInstrumentation({ requireParentSpan: true }),
  };
  return instrumentationNames(exportTraces, process.env.OTEL_NODE_DISABLED_INSTRUMENTATIONS).map((name) =>
    make[name](),
  );
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
}
