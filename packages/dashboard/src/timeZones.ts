// Time zones: the browser's own, validation through Intl, and the list offered in the picker.

/** Zones most site owners look for, offered first (the picker also accepts any IANA name). */
export const COMMON_TIME_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Amsterdam',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Moscow',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
] as const;

/** True when Intl knows the zone. @example isValidTimeZone('Europe/Paris') // true */
export function isValidTimeZone(tz: string): boolean {
  if (tz.trim() === '' || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The browser's zone, or UTC when it cannot tell. @example browserTimeZone() // 'Europe/Paris' */
export function browserTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isValidTimeZone(tz) ? tz : 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone to suggest: the common ones first, then all Intl knows (where the browser can list them). */
export function timeZoneSuggestions(): string[] {
  const all =
    typeof Intl.supportedValuesOf === 'function' ? (Intl.supportedValuesOf('timeZone') as string[]) : [];
  return [...new Set<string>([...COMMON_TIME_ZONES, ...all])];
}
