// Seeded randomness for reproducible workloads, fault patterns and benchmarks (mulberry32 and hashed chances).
import { createHash } from 'node:crypto';

/** A seeded PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A float in [0, 1) fixed by its inputs: fault decisions made this way do not depend on the order in which
 * concurrent writes happen to reach the client, so a seed always yields the same faults.
 */
export function hashedChance(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 4_294_967_296;
}

/** Picks one element of `items` (non-empty) with `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
