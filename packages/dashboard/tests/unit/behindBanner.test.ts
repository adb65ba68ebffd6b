// The "counting is behind" banner's words and the status decoder: only `behind` speaks, a quiet site never does.
import { behindMessage } from '../../src/behindBanner';
import { decodeStatus } from '../../src/decode';

const checkedAt = '2026-03-10T12:00:00.000Z';

describe('behindMessage', () => {
  it('says how far behind counting is, in minutes, and that the views are kept', () => {
    // Act
    const message = behindMessage({ state: 'behind', lagSeconds: 420, thresholdSeconds: 300, checkedAt });

    // Assess
    expect(message).toBe(
      'Counting is 7 minutes behind: views of the last 7 minutes are not in these numbers yet. They are kept, and counted as soon as counting catches up.',
    );
  });

  it('falls back to the threshold when the lag was not measured', () => {
    // Act
    const message = behindMessage({ state: 'behind', lagSeconds: null, thresholdSeconds: 300, checkedAt });

    // Assess
    expect(message).toMatch(/^Counting is more than 5 minutes behind: the newest views/);
  });

  it.each([
    ['ok (a quiet site: nothing waits to be counted)', { state: 'ok' as const }],
    ['unknown (no alarm, or it could not be read)', { state: 'unknown' as const }],
  ])('says nothing when %s', (_, s) => {
    // Assess
    expect(behindMessage({ lagSeconds: null, thresholdSeconds: 300, checkedAt, ...s })).toBeUndefined();
    expect(behindMessage(undefined)).toBeUndefined();
  });
});

describe('decodeStatus', () => {
  it('accepts the API’s answer', () => {
    // Act
    const r = decodeStatus({
      pipeline: { state: 'behind', lagSeconds: 61, thresholdSeconds: 300, checkedAt },
    });

    // Assess
    expect(r).toEqual({
      ok: true,
      value: { pipeline: { state: 'behind', lagSeconds: 61, thresholdSeconds: 300, checkedAt } },
    });
  });

  it.each([
    ['no pipeline', {}],
    [
      'an unknown state',
      { pipeline: { state: 'late', lagSeconds: null, thresholdSeconds: null, checkedAt } },
    ],
    ['a text lag', { pipeline: { state: 'behind', lagSeconds: '7', thresholdSeconds: null, checkedAt } }],
    ['no time', { pipeline: { state: 'ok', lagSeconds: null, thresholdSeconds: null } }],
  ])('refuses %s', (_, body) => {
    // Assess
    expect(decodeStatus(body).ok).toBe(false);
  });
});
