import { ConfigurationError, StepFailure } from '../core/errors.js';
import { heldLockMessage, heldLockOf, heldLockSummary, type HeldLock } from './state-lock.js';
import { BACKEND_ACCESS_DENIED, locationOf, STALE_PLAN_SUMMARY, type Diagnostic } from './ui-stream.js';

/**
 * How a failed tofu/terraform command is reported.
 *
 * - `TerraformConfigurationError` (a ConfigurationError: one error line, no stack) when every error the
 *   tool gave is the user's to fix: it points into their files (broken HCL, an undeclared variable, a
 *   missing required value), or it is one of a few known complaints about what they passed in (a var
 *   file that does not exist, a bad target address, an unknown backend-config key). Only for commands
 *   that read the configuration before touching infrastructure (init, plan, workspace).
 * - `StalePlanError` (also a ConfigurationError) when apply says "Saved plan is stale".
 * - `TerraformError` (a plain Error) for everything else: a backend that cannot be reached, a provider
 *   that fails during apply (its diagnostics carry a range into the user's file too, which is why apply
 *   is never classified by range), a crash, an error without a diagnostic.
 *
 * All three carry the same facts: the command (with backend-config values hidden), the exit code, the
 * diagnostics, and which resources apply finished before failing.
 */
export interface TerraformFailure {
  readonly command: readonly string[];
  readonly exitCode: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Addresses whose apply completed before the failure (apply only; empty otherwise). */
  readonly applied: readonly string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- a mixin's base and constructor take any[] (TS2545) */
type ErrorClass = new (...args: any[]) => Error;

/**
 * An error class that carries the facts of a failed command: the one body both kinds below share.
 * Its arguments are the message and the failure.
 */
function carryingFailure<Base extends ErrorClass>(
  Base: Base,
): new (message: string, failure: TerraformFailure) => InstanceType<Base> & TerraformFailure {
  // TypeScript types a mixin's constructor as taking any arguments: the cast below says which.
  const WithFailure = class extends Base implements TerraformFailure {
    readonly command: readonly string[];
    readonly exitCode: number;
    readonly diagnostics: readonly Diagnostic[];
    readonly applied: readonly string[];

    constructor(...args: any[]) {
      const [message, failure] = args as [string, TerraformFailure];
      super(message);
      this.command = failure.command;
      this.exitCode = failure.exitCode;
      this.diagnostics = failure.diagnostics;
      this.applied = failure.applied;
    }
  };
  return WithFailure as unknown as new (
    message: string,
    failure: TerraformFailure,
  ) => InstanceType<Base> & TerraformFailure;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export class TerraformError extends carryingFailure(Error) {
  override readonly name = 'TerraformError';
}

export class TerraformConfigurationError extends carryingFailure(ConfigurationError) {}

/** The state changed between plan and apply; the saved plan can never be applied now. */
export class StalePlanError extends TerraformConfigurationError {}

/**
 * Another process holds the state lock: neither the user's mistake nor a bug, and nothing was changed.
 * Its message and job summary name the lock and how to release one whose holder is gone.
 */
export class StateLockedError extends carryingFailure(StepFailure) {
  override readonly name = 'StateLockedError';
  lock!: HeldLock;
}

/**
 * The state backend refused the credentials the step has, or it has none: the step's setup to fix (its
 * env:, its role), not a bug, and nothing was changed.
 */
export class BackendAccessError extends carryingFailure(StepFailure) {
  override readonly name = 'BackendAccessError';
}

export function isTerraformFailure(error: unknown): error is Error & TerraformFailure {
  return (
    error instanceof TerraformError ||
    error instanceof TerraformConfigurationError ||
    error instanceof StateLockedError ||
    error instanceof BackendAccessError
  );
}

/**
 * Complaints without a range that are still about what the user passed in. Matched on the summary,
 * which both tools print in English whatever the locale.
 */
const USER_INPUT_SUMMARIES: readonly RegExp[] = [
  /^Failed to read variables file$/, // var-files names a file that does not exist
  /^Failed to read file$/, // backend-config names a file that does not exist
  /^Invalid backend configuration argument$/, // backend-config sets a key the backend does not have
  /^Invalid target /, // targets holds something that is not an address
  /^Invalid force-replace address /, // replace holds something that is not an address
];

export interface FailedCommand {
  /** The tool's name ("tofu"), the subcommand and the arguments, safe to show. */
  command: readonly string[];
  exitCode: number;
  diagnostics: readonly Diagnostic[];
  applied: readonly string[];
  stderrTail: string;
  /** True for commands that read the configuration before touching infrastructure (init, plan). */
  readsConfiguration: boolean;
  /** The working directory relative to the workspace, for the commands a message gives. */
  directory: string;
}

/** The error to throw for a command that failed, chosen as described at the top of this file. */
export function commandFailure(failed: FailedCommand): Error {
  const errors = failed.diagnostics.filter((d) => d.severity === 'error');
  const what = `${failed.command.slice(0, 2).join(' ')} failed`;
  const tool = failed.command[0] ?? 'tofu';
  if (errors.some((d) => STALE_PLAN_SUMMARY.test(d.summary))) {
    return new StalePlanError(stalePlanMessage(tool), failed);
  }
  const lock = heldLockOf(errors);
  if (lock) {
    const lockTimeout = failed.command
      .find((arg) => arg.startsWith('-lock-timeout='))
      ?.slice('-lock-timeout='.length);
    const context = { tool, directory: failed.directory, lockTimeout };
    const error = new StateLockedError(heldLockMessage(lock, context), failed);
    error.lock = lock;
    error.summary = heldLockSummary(lock, context);
    return error;
  }
  const denied = errors.find((d) => BACKEND_ACCESS_DENIED.test(`${d.summary}\n${d.detail}`));
  if (denied) return new BackendAccessError(backendAccessMessage(what, denied), failed);
  if (errors.length === 0) {
    const tail = failed.stderrTail ? `:\n${failed.stderrTail}` : '; see the log above';
    return new TerraformError(`${what} with exit code ${failed.exitCode} and no diagnostic${tail}`, failed);
  }
  const message = `${what}: ${describe(errors)}`;
  const usersMistake = failed.readsConfiguration && errors.every(isUsersMistake);
  return usersMistake
    ? new TerraformConfigurationError(message, failed)
    : new TerraformError(message, failed);
}

function isUsersMistake(diagnostic: Diagnostic): boolean {
  return diagnostic.range !== undefined || USER_INPUT_SUMMARIES.some((re) => re.test(diagnostic.summary));
}

// The annotations carry every diagnostic in full; the one error line names the first few.
const DESCRIBED_ERRORS = 3;

function describe(errors: readonly Diagnostic[]): string {
  const shown = errors.slice(0, DESCRIBED_ERRORS).map((d) => {
    const where = locationOf(d);
    const detail = d.detail ? ` (${d.detail.split('\n')[0]})` : '';
    return `${where ? `${where}: ` : ''}${d.summary}${detail}`;
  });
  const more = errors.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more error(s), annotated above` : '');
}

// The tool's own text can be long (request IDs, host IDs): enough of it to recognise, not all.
const QUOTED_LENGTH = 400;

function backendAccessMessage(what: string, denied: Diagnostic): string {
  const said =
    denied.summary.length > QUOTED_LENGTH ? `${denied.summary.slice(0, QUOTED_LENGTH)}…` : denied.summary;
  return (
    `${what}: the state backend refused access (${said}). Nothing was changed. Give the step the backend's ` +
    'credentials in its env: (for s3: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, with AWS_SESSION_TOKEN for ' +
    'temporary ones, or a role through aws-actions/configure-aws-credentials), and check that they may read ' +
    'and write the state and its lock file.'
  );
}

function stalePlanMessage(tool: string): string {
  return (
    `${tool} refused the saved plan: "Saved plan is stale". The state changed after this plan was made, ` +
    'so another apply (or a state change) ran in between, and applying this plan now could undo it. ' +
    'Nothing was applied. Run the plan again and get the new plan approved, then apply that one.'
  );
}
