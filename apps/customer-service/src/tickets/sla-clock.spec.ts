import { addBusinessMinutes, businessHours, businessMinutesBetween } from './sla-clock';

// 09:00-17:00 UTC, Monday to Friday. 2026-11-27 is a Friday, 2026-11-30 a Monday.
const office = businessHours('09:00-17:00', '1,2,3,4,5');
const at = (iso: string) => new Date(iso);

describe('the SLA clock (business minutes)', () => {
  it('inside the working day, minutes simply add: Mon 10:00 + 120 min = Mon 12:00', () => {
    expect(addBusinessMinutes(at('2026-11-30T10:00:00Z'), 120, office).toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });

  it('what does not fit today continues at tomorrow’s opening: Mon 16:00 + 120 min = Tue 10:00', () => {
    expect(addBusinessMinutes(at('2026-11-30T16:00:00Z'), 120, office).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('over the weekend: Fri 15:30 + 4 h = Mon 11:30 (1.5 h on Friday, 2.5 h on Monday)', () => {
    expect(addBusinessMinutes(at('2026-11-27T15:30:00Z'), 240, office).toISOString()).toBe('2026-11-30T11:30:00.000Z');
  });

  it('opened on Saturday, the clock starts on Monday at 09:00: Sat 11:00 + 30 min = Mon 09:30', () => {
    expect(addBusinessMinutes(at('2026-11-28T11:00:00Z'), 30, office).toISOString()).toBe('2026-11-30T09:30:00.000Z');
  });

  it('before opening counts from opening: Mon 07:00 + 60 min = Mon 10:00; after closing from the next day: Mon 18:00 + 60 min = Tue 10:00', () => {
    expect(addBusinessMinutes(at('2026-11-30T07:00:00Z'), 60, office).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(addBusinessMinutes(at('2026-11-30T18:00:00Z'), 60, office).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('a target that ends exactly at closing stays on that day: Mon 09:00 + 480 min = Mon 17:00', () => {
    expect(addBusinessMinutes(at('2026-11-30T09:00:00Z'), 480, office).toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });

  it('three business days (24 h) from Wed 12:00 end Mon 12:00', () => {
    expect(addBusinessMinutes(at('2026-11-25T12:00:00Z'), 24 * 60, office).toISOString()).toBe(
      '2026-11-30T12:00:00.000Z',
    );
  });

  it('round the clock, every day: plain minutes', () => {
    const always = businessHours('00:00-24:00', '1,2,3,4,5,6,7');
    expect(addBusinessMinutes(at('2026-11-28T23:30:00Z'), 90, always).toISOString()).toBe('2026-11-29T01:00:00.000Z');
  });

  it('counts business minutes between two instants: Fri 16:00 -> Mon 10:00 is 2 h; a weekend alone is 0', () => {
    expect(businessMinutesBetween(at('2026-11-27T16:00:00Z'), at('2026-11-30T10:00:00Z'), office)).toBe(120);
    expect(businessMinutesBetween(at('2026-11-28T08:00:00Z'), at('2026-11-29T20:00:00Z'), office)).toBe(0);
    expect(businessMinutesBetween(at('2026-11-30T10:00:00Z'), at('2026-11-30T09:00:00Z'), office)).toBe(0);
  });

  it('adding and measuring agree', () => {
    const from = at('2026-11-26T13:17:00Z');
    const due = addBusinessMinutes(from, 1000, office);
    expect(businessMinutesBetween(from, due, office)).toBe(1000);
  });
});
