import { describe, expect, it } from '@jest/globals';
import { maximum, median, percentage, percentile } from '../../../src/metrics/stats.js';

/** Nearest rank: the value at rank ⌈p/100 × n⌉ of the sorted values, never an interpolation. */
describe('percentiles by nearest rank', () => {
  it('has none of nothing', () => {
    expect(percentile([], 90)).toBeUndefined();
    expect(median([])).toBeUndefined();
    expect(maximum([])).toBeUndefined();
    expect(percentage(0, 0)).toBeUndefined();
  });

  it('is the one value of one', () => {
    expect(median([42])).toBe(42);
    expect(percentile([42], 90)).toBe(42);
  });

  it('takes the lower middle of an even count, and sorts first', () => {
    expect(median([4, 2])).toBe(2);
    expect(median([9, 1, 5, 3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('gives the ninth of ten as p90, and the largest of nine', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(ten, 90)).toBe(90);
    expect(percentile(ten.slice(0, 9), 90)).toBe(90);
    expect(percentile(ten, 100)).toBe(100);
    expect(percentile(ten, 1)).toBe(10);
  });

  it('keeps ties', () => {
    expect(median([7, 7, 7, 1])).toBe(7);
    expect(percentile([3, 3, 3, 3], 90)).toBe(3);
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
