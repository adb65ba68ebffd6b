// Share bars: a row's fraction of the site's views, for the bar width and the percentage shown.

/**
 * The fraction (0–1) of `total` that `views` are; 0 when there is no total. Tables count UTC days and the
 * totals the chosen zone's days, so a row can slightly exceed the total: it is capped at 1.
 * @example shareOf(25, 200) // 0.125
 */
export function shareOf(views: number, total: number): number {
  if (!Number.isFinite(views) || !Number.isFinite(total) || total <= 0 || views <= 0) return 0;
  return Math.min(1, views / total);
}

/** The CSS width of a share bar. @example shareWidth(0.125) // '12.5%' */
export function shareWidth(share: number): string {
  return `${Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10}%`;
}
