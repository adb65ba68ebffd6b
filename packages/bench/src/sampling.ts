// Weighted sampling in O(log n) per draw, for workloads with tens of thousands of values.

/**
 * A sampler over `weights` (any non-negative numbers): each call returns an index with probability weight/total.
 * @example const pick = indexSampler(random, [1, 1, 2]); pick() // 2 half of the time
 */
export function indexSampler(random: () => number, weights: readonly number[]): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Zipf(s) weights over ranks 1..n. */
export const zipfWeights = (n: number, s: number): number[] =>
  Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
