/**
 * The SLA clock: targets count business minutes only (configured hours on configured weekdays, UTC).
 * Pure functions, hand-checked in sla-clock.spec.ts and the README.
 */
export interface BusinessHours {
  /** Minutes after midnight UTC the working day starts (09:00 -> 540). */
  openMinute: number;
  /** Minutes after midnight UTC it ends, exclusive (17:00 -> 1020; 24:00 -> 1440). */
  closeMinute: number;
  /** ISO weekdays that are working days, 1 = Monday .. 7 = Sunday. */
  days: ReadonlySet<number>;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** Parses `HH:MM-HH:MM` and `1,2,3,4,5` (validated by the config already). */
export function businessHours(hours: string, days: string): BusinessHours {
  const [open, close] = hours.split('-').map((part) => {
    const [h, m] = part.split(':').map(Number);
    return h * 60 + m;
  });
  if (!(close > open)) throw new RangeError(`business hours ${hours}: the end must be after the start`);
  return { openMinute: open, closeMinute: close, days: new Set(days.split(',').map(Number)) };
}

function isoWeekday(date: Date): number {
  return ((date.getUTCDay() + 6) % 7) + 1;
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/**
 * The instant `minutes` business minutes after `from`. Time outside business hours does not count: a
 * ticket opened on Saturday starts its clock on Monday at opening time.
 */
export function addBusinessMinutes(from: Date, minutes: number, hours: BusinessHours): Date {
  if (hours.days.size === 0) throw new RangeError('no business days configured');
  let remaining = minutes;
  let day = startOfDay(from);
  let cursor = from.getTime();
  // At most a week of closed days between two working days, so the loop always advances.
  for (;;) {
    const date = new Date(day);
    if (hours.days.has(isoWeekday(date))) {
      const open = day + hours.openMinute * MINUTE_MS;
      const close = day + hours.closeMinute * MINUTE_MS;
      const start = Math.max(cursor, open);
      if (start < close) {
        const available = (close - start) / MINUTE_MS;
        if (remaining <= available) return new Date(start + remaining * MINUTE_MS);
        remaining -= available;
      }
    }
    day += DAY_MINUTES * MINUTE_MS;
    cursor = day;
  }
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  for (let day = startOfDay(from); day < to.getTime(); day += DAY_MINUTES * MINUTE_MS) {
    if (!hours.days.has(isoWeekday(new Date(day)))) continue;
    const start = Math.max(from.getTime(), day + hours.openMinute * MINUTE_MS);
    const end = Math.min(to.getTime(), day + hours.closeMinute * MINUTE_MS);
    if (end > start) total += (end - start) / MINUTE_MS;
  }
  return total;
}
