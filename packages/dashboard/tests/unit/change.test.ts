import { changeBetween, formatChange } from '../../src/change';

describe('changeBetween', () => {
  it('gives the signed percent change against the previous period', () => {
    // Act / Assess
    expect(changeBetween(120, 100)).toEqual({ kind: 'up', percent: 20 });
    expect(changeBetween(75, 100)).toEqual({ kind: 'down', percent: -25 });
    expect(changeBetween(0, 40)).toEqual({ kind: 'down', percent: -100 });
    expect(changeBetween(300, 100)).toEqual({ kind: 'up', percent: 200 });
    expect(changeBetween(42.5, 42.5)).toEqual({ kind: 'same' });
  });

  it('calls a figure "new" when the previous period had none, instead of an infinite percent', () => {
    // Act / Assess
    expect(changeBetween(7, 0)).toEqual({ kind: 'new' });
  });

  it('has nothing to say when both periods are empty, or a figure is not a count', () => {
    // Act / Assess
    expect(changeBetween(0, 0)).toEqual({ kind: 'none' });
    expect(changeBetween(Number.NaN, 10)).toEqual({ kind: 'none' });
    expect(changeBetween(10, Number.POSITIVE_INFINITY)).toEqual({ kind: 'none' });
    expect(changeBetween(-1, 10)).toEqual({ kind: 'none' });
  });
});

describe('formatChange', () => {
  it('writes an arrow and a whole percent, and says it in words', () => {
    // Act / Assess
    expect(formatChange(changeBetween(112.4, 100), 'en-US')).toEqual({
      text: '▲ 12%',
      label: 'up 12% on the previous period',
    });
    expect(formatChange(changeBetween(50, 200), 'en-US')).toEqual({
      text: '▼ 75%',
      label: 'down 75% on the previous period',
    });
    expect(formatChange(changeBetween(12_600, 100), 'en-US').text).toBe('▲ 12,500%');
  });

  it('never shows a change as 0% when it is not one', () => {
    // Act / Assess
    expect(formatChange(changeBetween(1001, 1000), 'en-US').text).toBe('▲ <1%');
    expect(formatChange(changeBetween(999, 1000), 'en-US').text).toBe('▼ <1%');
    expect(formatChange(changeBetween(1000, 1000), 'en-US')).toEqual({
      text: '= 0%',
      label: 'the same as the previous period',
    });
  });

  it('writes "new" for a first, and nothing when both periods are empty', () => {
    // Act / Assess
    expect(formatChange(changeBetween(3, 0), 'en-US')).toEqual({
      text: 'new',
      label: 'new: none in the previous period',
    });
    expect(formatChange(changeBetween(0, 0), 'en-US')).toEqual({ text: '', label: '' });
  });
});
