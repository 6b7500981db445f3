/**
 * A fix for kafkajs 2.2.4 (unmaintained; tulios/kafkajs#1704, #1751). After every answered request, each
 * broker connection's request queue schedules a check of its pending requests even when none is pending
 * and nothing is throttled, with a delay of `-1 - Date.now()`: Node clamps it to 1 ms, so every connection
 * runs a timer a thousand times a second for as long as it is open (Node 24 also prints
 * TimeoutNegativeWarning). Measured on an idle catalog service (consumer and relay on): 6.6-7.4 % of a
 * core before, 1.8-4.3 % after. Pending requests are still checked: when one is queued (`push` schedules
 * the check), when a request is answered, and while throttled.
 *
 * Applied once, to the class kafkajs builds every connection's queue from (see createKafka).
 */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
}

let applied = false;

export function stopIdlePendingRequestChecks(): void {
  if (applied) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs' own module, not in its public API
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  const schedule = RequestQueue.prototype.scheduleCheckPendingRequests;
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    const idle = this.pending.length === 0 && this.throttledUntil <= Date.now();
    if (idle && !this.throttleCheckTimeoutId) return;
    schedule.call(this);
  };
  applied = true;
}
