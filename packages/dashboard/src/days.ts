// Calendar-day arithmetic on `YYYY-MM-DD` strings, and "today" in a time zone, without a date library.

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days are handled as UTC midnights, so adding days never meets a DST change. */
function toUtcMs(day: string): number | undefined {
  const m = DAY_PATTERN.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Rejects 2026-02-30 and friends, which Date.UTC would silently roll over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD`. @example isDay('2026-02-29') // false */
export function isDay(value: string): boolean {
  return toUtcMs(value) !== undefined;
}

/** The day `n` days after `day` (n may be negative). @example addDays('2026-12-31', 1) // '2027-01-01' */
export function addDays(day: string, n: number): string {
  const ms = toUtcMs(day);
  return ms === undefined ? day : fromUtcMs(ms + n * DAY_MS);
}

/** How many days a range holds, both ends included. @example daysInRange('2026-11-01', '2026-11-30') // 30 */
export function daysInRange(from: string, to: string): number {
  const a = toUtcMs(from);
  const b = toUtcMs(to);
  if (a === undefined || b === undefined) return 0;
  return Math.round((b - a) / DAY_MS) + 1;
}

/** The first day of the month holding `day`. @example startOfMonth('2026-11-26') // '2026-11-01' */
export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The calendar day it is at `now` in time zone `tz`. @example todayIn('Asia/Tokyo', new Date()) */
export function todayIn(tz: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
