// The change of a figure against the previous period: its direction and percent, and how it reads.

/**
 * How a figure moved. `new`: nothing in the previous period, something now (a percent would be infinite).
 * `none`: nothing in either period, so there is nothing to compare and nothing is shown.
 */
export type Change =
  | { kind: 'up' | 'down'; percent: number }
  | { kind: 'same' }
  | { kind: 'new' }
  | { kind: 'none' };

/**
 * The change from `previous` to `current`; `percent` is signed (−100 when a figure fell to 0).
 * @example changeBetween(120, 100) // { kind: 'up', percent: 20 }
 */
export function changeBetween(current: number, previous: number): Change {
  if (!Number.isFinite(current) || !Number.isFinite(previous) || current < 0 || previous < 0)
    return { kind: 'none' };
  if (previous === 0) return current === 0 ? { kind: 'none' } : { kind: 'new' };
  if (current === previous) return { kind: 'same' };
  const percent = ((current - previous) / previous) * 100;
  return { kind: percent > 0 ? 'up' : 'down', percent };
}

/** What a change shows (`text`, short, with an arrow) and what a screen reader says (`label`). */
export interface ChangeText {
  text: string;
  label: string;
}

/** A magnitude as a whole percent; a change that rounds to 0 reads "<1%", never a misleading "0%". */
function magnitude(percent: number, locale?: string): string {
  const abs = Math.abs(percent);
  const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  if (abs > 0 && abs < 0.5) return `<${format.format(0.01)}`;
  return format.format(abs / 100);
}

/**
 * Writes a change for a totals tile.
 * @example formatChange({ kind: 'down', percent: -12.4 }, 'en-US') // { text: '▼ 12%', label: 'down 12% on the previous period' }
 */
export function formatChange(change: Change, locale?: string): ChangeText {
  switch (change.kind) {
    case 'up':
    case 'down': {
      const amount = magnitude(change.percent, locale);
      return {
        text: `${change.kind === 'up' ? '▲' : '▼'} ${amount}`,
        label: `${change.kind} ${amount} on the previous period`,
      };
    }
    case 'same':
      return { text: '= 0%', label: 'the same as the previous period' };
    case 'new':
      return { text: 'new', label: 'new: none in the previous period' };
    case 'none':
      return { text: '', label: '' };
  }
}
