import { z } from 'zod';
import { FIGURE_NAMES, METRICS_FILE } from '../metrics/figures.js';
import { producerSchema, validateForWrite } from './manifest.js';

/**
 * `iac/metrics@1`: the delivery metrics of one environment over a window, as the report action writes
 * them to metrics.json (output `metrics-path`) and into report.json's `metrics`. Every figure carries
 * its value in its unit (seconds, percent, per day or week, a count), null when the history gives none,
 * its target when it has one, and whether it met it.
 */

export { METRICS_FILE };
export const METRICS_SCHEMA = 'iac/metrics@1' as const;

const text = z.string().min(1);
const isoTime = z.iso.datetime({ offset: true });
const count = z.int().min(0);

export const metricsTargetSchema = z.object({
  op: z.enum(['<', '<=', '>', '>=']),
  value: z.number().min(0),
});

export const metricsFigureSchema = z.object({
  name: z.enum(FIGURE_NAMES),
  label: text,
  unit: z.enum(['per-day', 'per-week', 'seconds', 'percent', 'count']),
  /** Null when the window gives nothing to compute it from (no successful deployment, no run, …). */
  value: z.number().min(0).nullable(),
  target: metricsTargetSchema.optional(),
  status: z.enum(['met', 'missed', 'no target', 'no data']),
});

export const metricsWeekSchema = z.object({
  /** The week's first instant (inclusive) and its end (exclusive); the oldest week starts at the window's start. */
  from: isoTime,
  to: isoTime,
  deployments: count,
  failures: count,
});

export const metricsSchema = z.object({
  schema: z.literal(METRICS_SCHEMA),
  producer: producerSchema,
  repository: text,
  environment: text,
  generatedAt: isoTime,
  /** A deployment counts when created_at ≥ from (= to − days). */
  window: z.object({ days: z.int().min(1), from: isoTime, to: isoTime }),
  /** `releases`: the release step's deployments (an `iac/release@1` payload); else every deployment. */
  counted: z.enum(['releases', 'all-deployments']),
  deployments: z.object({
    /** Every deployment of the environment listed in the window, counted or not. */
    listed: count,
    /** The counted ones. */
    total: count,
    succeeded: count,
    failed: count,
    /** Succeeded, then named by a later rollback release's `replaces.deploymentId`. */
    rolledBack: count,
    /** No outcome yet (latest status in_progress, queued, pending, or none). */
    inProgress: count,
  }),
  restores: z.object({ restored: count, open: count, openSince: isoTime.optional() }),
  pipeline: z.object({
    /** The workflows whose runs made the counted deployments. */
    workflows: z.array(text),
    /** Completed runs of those workflows on the default branch in the window, cancelled and skipped left out. */
    runs: count,
    succeeded: count,
    branch: z.string(),
  }),
  drift: z.object({ labels: z.array(text), opened: count, closed: count }),
  figures: z.array(metricsFigureSchema),
  weeks: z.array(metricsWeekSchema),
  /** What could not be read or computed, in sentences. */
  notes: z.array(z.string()),
});

export type Metrics = z.output<typeof metricsSchema>;
export type MetricsFigure = z.output<typeof metricsFigureSchema>;
export type MetricsWeek = z.output<typeof metricsWeekSchema>;

/** Checks metrics.json before it is written: a bad one is a bug in the writer. */
export function validateMetrics(value: unknown): Metrics {
  return validateForWrite(metricsSchema, value, METRICS_FILE);
}
