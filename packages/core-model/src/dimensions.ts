// The breakdown dimensions of SPEC §3: one list for the aggregate layout and the HTTP schemas (no imports,
// so the browser dashboard can take it through the schemas entry).

/** Breakdown dimensions of SPEC §3. */
export const DIMENSIONS = [
  'page',
  'referrer',
  'browser',
  'os',
  'device',
  'country',
  'utm_source',
  'utm_campaign',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
