// The reference workload is the ruler every write-unit figure is measured with: it must be what SPEC §6 says.
import { groundTruth } from '../../src/groundTruth';
import { referenceWorkload } from '../../src/workload';

describe('referenceWorkload', () => {
  const sends = referenceWorkload();
  const pageviews = sends.filter((s) => s.kind === 'pageview');
  const engagements = sends.filter((s) => s.kind === 'engagement');

  it('is the same for the same seed and different for another', () => {
    // Act
    const again = referenceWorkload();
    const other = referenceWorkload({ seed: 7 });
    // Assess
    expect(JSON.stringify(again)).toBe(JSON.stringify(sends));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(sends));
  });

  it('has 10,000 pageviews over 7 days, in time order', () => {
    expect(pageviews).toHaveLength(10_000);
    const times = sends.map((s) => s.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const span = (pageviews[pageviews.length - 1]?.time ?? 0) - (pageviews[0]?.time ?? 0);
    expect(span).toBeGreaterThan(6.5 * 86_400_000);
    expect(span).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('spreads views over 200 paths with Zipf popularity, 30 referrer hosts and 20 zones', () => {
    const paths = new Map<string, number>();
    for (const p of pageviews) paths.set(p.body.path, (paths.get(p.body.path) ?? 0) + 1);
    const counts = [...paths.values()].sort((a, b) => b - a);
    expect(paths.size).toBeGreaterThan(180);
    expect(paths.size).toBeLessThanOrEqual(200);
    // Zipf(1.1): the top page gets roughly 1 / H(200, 1.1) ≈ 20 % of views, the tenth about a twelfth of that.
    expect((counts[0] ?? 0) / 10_000).toBeGreaterThan(0.15);
    expect((counts[0] ?? 0) / 10_000).toBeLessThan(0.25);
    const hosts = new Set(
      pageviews.flatMap((p) => (p.body.referrer ? [new URL(p.body.referrer).hostname] : [])),
    );
    expect(hosts.size).toBe(31); // 30 other sites + the site itself (internal navigation)
    expect(new Set(pageviews.map((p) => p.body.tz)).size).toBe(20);
  });

  it('sends engagement for 70 % of views and a second one for a fifth of those', () => {
    const perView = new Map<string, number>();
    for (const e of engagements) perView.set(e.body.id, (perView.get(e.body.id) ?? 0) + 1);
    const once = [...perView.values()].filter((n) => n >= 1).length / 10_000;
    const twice = [...perView.values()].filter((n) => n === 2).length / 10_000;
    expect(once).toBeGreaterThan(0.67);
    expect(once).toBeLessThan(0.73);
    expect(twice).toBeGreaterThan(0.12);
    expect(twice).toBeLessThan(0.16);
    // Running totals: a later event never reports less time than an earlier one.
    const last = new Map<string, number>();
    for (const e of engagements) {
      expect(e.body.duration).toBeGreaterThanOrEqual(last.get(e.body.id) ?? 0);
      last.set(e.body.id, e.body.duration);
    }
  });

  it('has about 5 % bots by the ua package, and a ground truth that adds up', () => {
    const truth = groundTruth(sends);
    expect(truth.bots / 10_000).toBeGreaterThan(0.04);
    expect(truth.bots / 10_000).toBeLessThan(0.06);
    expect(truth.views + truth.bots).toBe(10_000);
    const pageSum = [...truth.pages.values()].reduce((s, p) => s + p.views, 0);
    expect(pageSum).toBe(truth.views);
    expect(truth.visitors).toBeLessThan(truth.views);
  });
});
