import * as core from '@actions/core';
import { errorMessage, isConfigurationError, StepFailure } from './errors.js';
import { readInputs, type InputShape, type InputsOf, type InputSpec } from './inputs.js';
import { runnerExec, type Exec } from './exec.js';
import { outputSetter, type OutputDeclaration, type OutputSetter } from './outputs.js';
import type { Logger } from './logger.js';
import { readRunContext, type RunContext } from './run-context.js';

/** The Logger over the runner's workflow commands. */
export const runnerLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  notice: (message, properties) => core.notice(message, properties),
  warning: (message, properties) => core.warning(message, properties),
  error: (message, properties) => core.error(message, properties),
  mask: (value) => core.setSecret(value),
  group: (name, body) => core.group(name, body),
};

export interface ActionContext<S extends InputShape, O> {
  inputs: InputsOf<S>;
  logger: Logger;
  exec: Exec;
  run: RunContext;
  /** Sets one of the outputs the action declares (its outputs.ts), formatted as declared. */
  setOutputs: OutputSetter<O>;
  saveState(name: string, value: string): void;
  /** Puts a directory first on PATH for this step and the job's later steps (GITHUB_PATH). */
  addPath(dir: string): void;
  /** Sets an environment variable for the job's later steps (GITHUB_ENV). */
  exportVariable(name: string, value: string): void;
  /** Appends Markdown to the job summary, cut to fit the runner's 1 MiB limit rather than dropped whole. */
  writeSummary(markdown: string): Promise<void>;
}

// The runner drops a step summary over 1 MiB whole; keep well under it, counting bytes, not characters.
const SUMMARY_BUDGET_BYTES = 1024 * 1024 - 4096;

async function writeSummary(markdown: string): Promise<void> {
  let text = markdown;
  if (Buffer.byteLength(text) > SUMMARY_BUDGET_BYTES) {
    const note = "\n\n_The summary was cut here to fit GitHub's 1 MiB limit._\n";
    text =
      Buffer.from(text)
        .subarray(0, SUMMARY_BUDGET_BYTES - note.length)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + note;
  }
  await core.summary.addRaw(text, true).write();
}

/** The runner gives main's saved state to post as STATE_*; this flag tells the two phases apart. */
const POST_PHASE_STATE = 'isPost';

/**
 * The outer wrapper of every action: reads the inputs, runs the body with a setter of the declared outputs, and turns what it throws into
 * exactly one `::error::` line. A user's mistake (ConfigurationError) shows only its message; anything
 * else is a bug, shown with the action's name, with its stack at debug level for whoever files it.
 * This is the only place that calls setFailed. With a `post` body, the same bundle serves as the
 * action's post step (action.yml `post:`), which runs after main also when the job failed.
 */
export async function runAction<S extends InputShape, O>(
  actionName: string,
  spec: InputSpec<S>,
  outputs: OutputDeclaration<O>,
  main: (context: ActionContext<S, O>) => Promise<void>,
  post?: (context: { logger: Logger; state: (name: string) => string }) => Promise<void>,
): Promise<void> {
  try {
    if (post && core.getState(POST_PHASE_STATE) === 'true') {
      await post({ logger: runnerLogger, state: (name) => core.getState(name) });
      return;
    }
    // Saved before anything can fail, so that post cleans up after a main that died half-way.
    if (post) core.saveState(POST_PHASE_STATE, 'true');
    const inputs = await readInputs(spec, (name) => core.getInput(name), core.setSecret);
    await main({
      inputs,
      logger: runnerLogger,
      exec: runnerExec,
      run: readRunContext(),
      setOutputs: outputSetter(outputs, (name, value) => core.setOutput(name, value)),
      saveState: (name, value) => core.saveState(name, value),
      addPath: (dir) => core.addPath(dir),
      exportVariable: (name, value) => core.exportVariable(name, value),
      writeSummary,
    });
  } catch (error) {
    if (isConfigurationError(error) || error instanceof StepFailure) {
      if (error instanceof StepFailure && error.summary) await writeSummary(error.summary);
      core.setFailed(error.message);
      return;
    }
    if (error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(`${actionName} failed unexpectedly: ${errorMessage(error)}`);
  }
}
