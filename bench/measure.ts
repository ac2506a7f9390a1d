// What every bench measures with: the median of repeated runs, and one run's wall time.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function timed(body: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await body();
  return performance.now() - started;
}

/** `1.234 (target <= 1.15: met)`: a ratio and the target beside it. */
export function against(ratio: number, target: number): string {
  return `${ratio.toFixed(3)}   (target <= ${target}: ${ratio <= target ? 'met' : 'NOT met'})`;
}

/** Seconds with two decimals, from milliseconds. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** The repetitions' times, in seconds: `[1.02, 0.98, 1.10]`. */
export const list = (times: readonly number[]): string =>
  `[${times.map((t) => (t / 1000).toFixed(2)).join(', ')}]`;
