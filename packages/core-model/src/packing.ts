// Packed counters: several non-negative counts in one DynamoDB number, so a value's name is stored once.
//
// DynamoDB's ADD works on a packed number exactly as on its parts, as long as no part ever leaves its range:
// every delta the trigger applies is non-negative or the exact negation of one it applied before (an undo),
// so each part of a stored number is always a real count in [0, radix). Decoding therefore never guesses.

/**
 * Views and visitors of one breakdown value for one day: `views × PAIR_RADIX + visitors`. A day's views of
 * one value stay far below 10^10 (the ingest routes are throttled), so the parts never mix.
 */
export const PAIR_RADIX = 10_000_000_000n;

/** Views and visitors of one breakdown value. */
export interface PairCount {
  views: number;
  visitors: number;
}

/** Packs views and visitors. @example packPair(3n, 2n) === 30000000002n */
export const packPair = (views: bigint, visitors: bigint): bigint => views * PAIR_RADIX + visitors;

/** Unpacks a stored pair; undefined when the number cannot be one (negative, or visitors over views). */
export function unpackPair(n: bigint): PairCount | undefined {
  if (n < 0n) return undefined;
  const views = n / PAIR_RADIX;
  const visitors = n % PAIR_RADIX;
  if (visitors > views || views > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { views: Number(views), visitors: Number(visitors) };
}

/** What one page counted in one hour (or what a batch adds to it). */
export interface ViewCounters {
  views: bigint;
  visitors: bigint;
  /** Views that reported engagement. */
  engaged: bigint;
  /** Seconds, summed over engaged views. */
  durationSum: bigint;
  /** Percent, summed over engaged views. */
  scrollSum: bigint;
}

export const zeroCounters = (): ViewCounters => ({
  views: 0n,
  visitors: 0n,
  engaged: 0n,
  durationSum: 0n,
  scrollSum: 0n,
});

/**
 * The parts of a page-hour number, lowest first, with their radixes. Views, visitors and engaged views of one
 * page in one hour stay below 10^6 because a writer moves on to a fresh entry once views pass HOT_ENTRY_VIEWS;
 * durations (≤ 7200 s each) and scrolls (≤ 100 % each) of fewer than 10^6 views then fit their parts. The
 * whole number stays within DynamoDB's 38 significant digits (10^36).
 */
const PAGE_HOUR_PARTS = [
  ['views', 1_000_000n],
  ['visitors', 1_000_000n],
  ['engaged', 1_000_000n],
  ['scrollSum', 100_000_000n],
  ['durationSum', 10_000_000_000n],
] as const satisfies readonly (readonly [keyof ViewCounters, bigint])[];

/** The largest packed page-hour number plus one: 10^36. */
export const PAGE_HOUR_LIMIT = PAGE_HOUR_PARTS.reduce((m, [, radix]) => m * radix, 1n);

/**
 * Views of one page-hour entry after which writers start a fresh entry for that page and hour (half of the
 * views part's range, leaving room for every writer that has not yet noticed to add one more batch).
 */
export const HOT_ENTRY_VIEWS = 500_000n;

/** Packs a page's counters of one hour into one number. @example packPageHour({...zeroCounters(), views: 1n}) === 1n */
export function packPageHour(c: ViewCounters): bigint {
  let n = 0n;
  let scale = 1n;
  for (const [part, radix] of PAGE_HOUR_PARTS) {
    n += c[part] * scale;
    scale *= radix;
  }
  return n;
}

/** Unpacks a stored page-hour number; undefined when it cannot be one (negative or too large). */
export function unpackPageHour(n: bigint): ViewCounters | undefined {
  if (n < 0n || n >= PAGE_HOUR_LIMIT) return undefined;
  const out = zeroCounters();
  let rest = n;
  for (const [part, radix] of PAGE_HOUR_PARTS) {
    out[part] = rest % radix;
    rest /= radix;
  }
  return out;
}

/** Adds `b` into `a`. */
export function addCounters(a: ViewCounters, b: ViewCounters): void {
  a.views += b.views;
  a.visitors += b.visitors;
  a.engaged += b.engaged;
  a.durationSum += b.durationSum;
  a.scrollSum += b.scrollSum;
}

/** True when every part is zero. */
export const isZeroCounters = (c: ViewCounters): boolean =>
  c.views === 0n && c.visitors === 0n && c.engaged === 0n && c.durationSum === 0n && c.scrollSum === 0n;
