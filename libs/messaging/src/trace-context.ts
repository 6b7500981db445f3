import { context, propagation, ROOT_CONTEXT, Context } from '@opentelemetry/api';

/**
 * The outbox breaks the call stack between a request and the Kafka send, so the trace context is
 * captured when the event is written and travels in the row, then in the message headers.
 */
export function currentTraceHeaders(): { traceParent?: string; traceState?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { traceParent: carrier.traceparent, traceState: carrier.tracestate };
}

export function contextFromTraceHeaders(traceParent?: string, traceState?: string): Context {
  if (!traceParent) return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent: traceParent };
  if (traceState) carrier.tracestate = traceState;
  return propagation.extract(ROOT_CONTEXT, carrier);
}
