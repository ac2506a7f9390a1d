import pLimit from 'p-limit';
import pRetry from 'p-retry';
import type { Logger } from '../core/logger.js';
import { CheckFailure, probe, type ProbeEnvironment } from './probes.js';
import { describeTarget, type CheckInstance } from './targets.js';

/**
 * Runs every check instance: at most `concurrency` at once (p-limit), each tried again with doubling
 * delays (p-retry) after a failure, all within one overall deadline. When the deadline passes, tries
 * under way are aborted (their sockets closed, their processes killed) and checks not yet started
 * are reported as not run: a deploy whose services never came up fails in bounded time.
 */

export type CheckStatus = 'passed' | 'failed' | 'not-run';

export interface CheckOutcome {
  instance: CheckInstance;
  target: string;
  status: CheckStatus;
  /** What was seen on the passing try, or why the last try failed. */
  message: string;
  attempts: number;
  /** Wall time from the first try to the verdict, in milliseconds. */
  durationMs: number;
  /** When the first try started, relative to the run's start, in milliseconds. */
  startedMs: number;
}

export interface RunOptions {
  concurrency: number;
  retries: number;
  retryDelayMs: number;
  deadlineMs: number;
  /** One try's time limit when the check sets none. */
  defaultTimeoutMs: number;
  env: ProbeEnvironment;
  logger: Logger;
  now?: () => number;
  /** Replaces the real probe, for tests of the scheduling alone. */
  probe?: typeof probe;
}

export interface RunSummary {
  outcomes: CheckOutcome[];
  durationMs: number;
  /** The most tries under way at one moment: never more than `concurrency`. */
  maxInFlight: number;
  deadlineReached: boolean;
}

class DeadlinePassed extends Error {
  override readonly name = 'DeadlinePassed';
}

export async function runChecks(instances: CheckInstance[], options: RunOptions): Promise<RunSummary> {
  const now = options.now ?? Date.now;
  const runProbe = options.probe ?? probe;
  const started = now();
  const deadlineAt = started + options.deadlineMs;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DeadlinePassed(`the deadline of ${seconds(options.deadlineMs)} s passed`)),
    options.deadlineMs,
  );
  const limit = pLimit(options.concurrency);
  let inFlight = 0;
  let maxInFlight = 0;

  const runOne = async (instance: CheckInstance): Promise<CheckOutcome> => {
    const target = describeTarget(instance);
    const startedMs = now() - started;
    const base = { instance, target, startedMs };
    if (deadline.signal.aborted) {
      return {
        ...base,
        status: 'not-run',
        message: 'not run: the deadline passed before it could start',
        attempts: 0,
        durationMs: 0,
      };
    }
    const timeoutMs = (instance.spec.timeoutSeconds ?? options.defaultTimeoutMs / 1000) * 1000;
    let attempts = 0;
    let lastFailure = '';
    const attempt = async (): Promise<string> => {
      attempts++;
      const tryTimeout = Math.max(1, Math.min(timeoutMs, deadlineAt - now()));
      const signal = AbortSignal.any([deadline.signal, AbortSignal.timeout(tryTimeout)]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await runProbe(instance, options.env, signal, tryTimeout);
      } catch (error) {
        if (deadline.signal.aborted) throw deadline.signal.reason as Error;
        if (signal.aborted) throw new CheckFailure(`no answer within ${seconds(tryTimeout)} s`);
        throw error;
      } finally {
        inFlight--;
      }
    };
    try {
      const message = await pRetry(attempt, {
        retries: instance.spec.retries ?? options.retries,
        minTimeout: options.retryDelayMs,
        factor: 2,
        randomize: false,
        // The deadline ends the retries through the signal alone: a maxRetryTime as well would race it, and
        // a check stopped by that clock would read as an ordinary failure instead of the deadline.
        signal: deadline.signal,
        onFailedAttempt: ({ error, retriesLeft, retryDelay }) => {
          lastFailure = error.message;
          if (retriesLeft > 0 && retryDelay > 0)
            options.logger.debug(
              `${instance.id}: ${error.message}; trying again in ${seconds(retryDelay)} s`,
            );
        },
        // Only a check's own verdict is worth another try; anything else is a bug to report at once.
        shouldRetry: ({ error }) => error instanceof CheckFailure,
      });
      return { ...base, status: 'passed', message, attempts, durationMs: now() - started - startedMs };
    } catch (error) {
      const durationMs = now() - started - startedMs;
      if (error instanceof DeadlinePassed) {
        const message = lastFailure
          ? `${lastFailure} (then ${error.message})`
          : `${error.message} before it answered`;
        return { ...base, status: 'failed', message, attempts, durationMs };
      }
      if (error instanceof CheckFailure)
        return { ...base, status: 'failed', message: error.message, attempts, durationMs };
      throw error;
    }
  };

  try {
    const outcomes = await Promise.all(
      instances.map((instance) =>
        limit(async () => {
          const outcome = await runOne(instance);
          report(outcome, options.logger);
          return outcome;
        }),
      ),
    );
    return { outcomes, durationMs: now() - started, maxInFlight, deadlineReached: deadline.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}

function report(outcome: CheckOutcome, logger: Logger): void {
  const tries = outcome.attempts > 1 ? `, ${outcome.attempts} tries` : '';
  const time = `${seconds(outcome.durationMs)} s${tries}`;
  if (outcome.status === 'passed')
    logger.info(`✓ ${outcome.instance.id} (${outcome.target}): ${outcome.message} [${time}]`);
  else logger.info(`✗ ${outcome.instance.id} (${outcome.target}): ${outcome.message} [${time}]`);
}

export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
