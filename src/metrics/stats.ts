/**
 * The one statistics rule of the delivery metrics: percentiles by the nearest-rank method. For a
 * percentile p (0 < p ≤ 100) of n values sorted ascending, the answer is the value at rank
 * ⌈p/100 × n⌉ (1-based): always one of the values, never an interpolation, so a median of 2 and 4
 * is 2 (rank ⌈0.5 × 2⌉ = 1), and the p90 of ten values is the ninth. Empty input has no percentile.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`a percentile is from 0 (excluded) to 100, not ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median by nearest rank: the 50th percentile (the lower middle of an even count). */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

export function maximum(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : Math.max(...values);
}

/** `part / whole` as a percentage, undefined for an empty whole. */
export function percentage(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : (part / whole) * 100;
}
