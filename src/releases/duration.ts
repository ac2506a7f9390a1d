import { ConfigurationError } from '../core/errors.js';

/**
 * Durations of releases: `max-release-age` (`72h`, `30m`, `7d`) and the ages and restore times shown
 * in comments and reports. core/inputs' `duration` kind only checks the form tofu takes (`30s`, `5m`,
 * `1h`, no days) and hands the text on; a release's age wants days and a number to compare with.
 */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
const DURATION = /^(\d{1,9})\s*([smhd])$/;

/** `72h` → 259200. Zero or anything else is the named input's mistake. */
export function parseDuration(value: string, input = 'max-release-age'): number {
  const match = DURATION.exec(value.trim());
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0) : 0;
  if (!match || seconds === 0) {
    throw new ConfigurationError(
      `Input "${input}" must be a duration of more than zero such as 30m, 72h or 7d; got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return seconds;
}

/** An age, to the largest whole unit: `45 s`, `12 min`, `3 h`, `4 d` (hours up to two days). */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min`;
  if (s < 2 * 86_400) return `${Math.floor(s / 3_600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** The milliseconds since the epoch of an ISO time, a Date or milliseconds; a time that parses to nothing is a bug. */
export function epochMs(at: string | Date | number, what: string): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`${what} is not a time: ${String(at)}`);
  return ms;
}
