import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { initializedBackend, refuseCredentialFiles, type InitializedBackend } from './backend.js';
import { commandFailure } from './errors.js';
import { parseJsonDocument } from './json-document.js';
import { assertPlanFormat, type PlanDocument } from './plan-summary.js';
import {
  atLeast,
  readToolVersion,
  supportsInitJson,
  withVersion,
  type LocatedTool,
  type Tool,
} from './tool.js';
import { UiStream, type ChangeSummary, type Diagnostic } from './ui-stream.js';

export {
  locateTool,
  resolveTool,
  type BinaryChoice,
  type LocatedTool,
  type Tool,
  type ToolName,
} from './tool.js';
export {
  StalePlanError,
  StateLockedError,
  TerraformConfigurationError,
  TerraformError,
  isTerraformFailure,
  type TerraformFailure,
} from './errors.js';
export type { ChangeSummary, Diagnostic } from './ui-stream.js';

export interface TerraformCliOptions {
  /**
   * The tool, or the tool as found on PATH when its version is not read yet: then `init` runs first and
   * learns the version from its first message, which saves a process start-up (`version -json`).
   */
  tool: Tool | LocatedTool;
  exec: Exec;
  logger: Logger;
  /** The directory the tool runs in (absolute). */
  cwd: string;
  /** The same directory relative to the workspace root, so annotations name the right file. Default `.`. */
  relativeDir?: string;
  /** Added to every command's environment (backend credentials, TF_DATA_DIR, …). */
  env?: Record<string, string>;
}

export interface InitOptions {
  /** Each becomes `-backend-config=<entry>`: a file or a key=value. */
  backendConfig?: readonly string[];
  /** Install exactly the providers the lock file names (apply uses the lock file bundled with the plan). */
  lockfileReadonly?: boolean;
}

export interface PlanOptions {
  /** Where the planfile goes, relative to cwd or absolute. */
  out: string;
  /** Input variables as name, value pairs: passed as TF_VAR_<name>, so no value is on the command line. */
  vars?: ReadonlyArray<readonly [string, string]>;
  varFiles?: readonly string[];
  targets?: readonly string[];
  replace?: readonly string[];
  destroy?: boolean;
  refreshOnly?: boolean;
  /** A duration such as `30s`. */
  lockTimeout?: string;
  parallelism?: number;
}

export interface PlanResult {
  /** -detailed-exitcode: 0 no changes, 2 changes (1, an error, throws). */
  exitCode: 0 | 2;
  hasChanges: boolean;
  diagnostics: readonly Diagnostic[];
  /** The tool's own count, from its `change_summary` line. */
  changeSummary?: ChangeSummary;
}

export interface ApplyOptions {
  lockTimeout?: string;
  parallelism?: number;
}

export interface ApplyResult {
  /** Addresses whose apply completed, in order. */
  applied: readonly string[];
  diagnostics: readonly Diagnostic[];
  changeSummary?: ChangeSummary;
  /**
   * The root outputs as the apply reported them, without the values of sensitive ones; absent when the
   * tool printed no outputs message.
   */
  outputs?: OutputJson;
}

/** One output in `output -json`. */
export interface OutputValue {
  sensitive: boolean;
  type?: unknown;
  /** Undefined for a sensitive output as apply reports it: only `output -json` prints those values. */
  value: unknown;
}
export type OutputJson = Record<string, OutputValue>;

/**
 * Never prompt, and let the tool shorten messages that suggest running commands by hand. The workspace
 * is chosen with `workspace select` only: a TF_WORKSPACE left in the job's environment would override
 * it silently (an empty value counts as unset).
 */
export const AUTOMATION_ENV = { TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_WORKSPACE: '' } as const;

// Input variable names, as both tools accept them (and as the `vars` input checks them).
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

interface RunOptions {
  /** Streams the output through the UI parser; false for commands whose stdout holds values. */
  streamStdout: boolean;
  readsConfiguration: boolean;
  env?: Record<string, string>;
  /** Exit codes that are not failures (plan's -detailed-exitcode uses 2 for "changes"). */
  okExitCodes?: readonly number[];
}

interface RunResult {
  exitCode: number;
  stdout: string;
  stream: UiStream;
}

/**
 * tofu or terraform in one working directory. Every command runs with an argument array, with input
 * disabled, with -json where the command has it, and streams the tool's messages to the log as they come.
 */
export class TerraformCli {
  private readonly where: { cwd: string; relativeDir: string };
  private known: Tool | undefined;

  constructor(private readonly options: TerraformCliOptions) {
    this.where = { cwd: options.cwd, relativeDir: options.relativeDir ?? '.' };
    this.known = 'version' in options.tool ? options.tool : undefined;
  }

  /** The tool and its version; for a CLI made with a located tool, known once `init` has run. */
  get tool(): Tool {
    if (!this.known)
      throw new Error(`the version of ${this.options.tool.path} is read by init, which has not run`);
    return this.known;
  }

  /** Initializes the working directory; resolves to the backend it configured (none: local state). */
  async init(options: InitOptions = {}): Promise<InitializedBackend | undefined> {
    const rest: string[] = [];
    for (const entry of options.backendConfig ?? []) rest.push(`-backend-config=${entry}`);
    if (options.lockfileReadonly) rest.push('-lockfile=readonly');
    await refuseCredentialFiles(options.backendConfig ?? [], this.where.cwd);
    const streamed = { streamStdout: true, readsConfiguration: true } as const;
    if (this.known) {
      await this.run(
        ['init', '-input=false', supportsInitJson(this.known) ? '-json' : '-no-color', ...rest],
        streamed,
      );
    } else {
      this.known = await this.initLearningVersion(rest, streamed);
    }
    // The tool's own data directory: TF_DATA_DIR when the step sets it, as the tool itself reads it.
    return initializedBackend(this.where.cwd, this.options.env?.TF_DATA_DIR ?? process.env.TF_DATA_DIR);
  }

  /**
   * `init -json`, whose first message names the tool's version. A tool too old for `init -json` fails
   * on the flag before it does anything; only then is its version read, and init runs again as text.
   */
  private async initLearningVersion(rest: string[], streamed: RunOptions): Promise<Tool> {
    const located = this.options.tool;
    let first: RunResult;
    try {
      first = await this.run(['init', '-input=false', '-json', ...rest], streamed);
    } catch (error) {
      const tool = await readToolVersion(located, this.options.exec);
      if (supportsInitJson(tool)) throw error;
      this.options.logger.info(
        `${tool.name} ${tool.version} has no \`init -json\` (the flag error above): running init again with text output.`,
      );
      await this.run(['init', '-input=false', '-no-color', ...rest], streamed);
      return tool;
    }
    return withVersion(located, first.stream.version) ?? (await readToolVersion(located, this.options.exec));
  }

  /** Selects the workspace, creating it when it does not exist yet. */
  async selectWorkspace(name: string): Promise<void> {
    // Neither tool has -json for workspace commands in every version: plain text, without colour codes.
    if (this.tool.name === 'tofu' || atLeast(this.tool, 1, 4)) {
      await this.run(['workspace', 'select', '-no-color', '-or-create=true', name], {
        streamStdout: true,
        readsConfiguration: true,
      });
      return;
    }
    // terraform before 1.4 has no -or-create: select, and create only when selecting failed.
    const selected = await this.run(['workspace', 'select', '-no-color', name], {
      streamStdout: true,
      readsConfiguration: true,
      okExitCodes: [0, 1],
    });
    if (selected.exitCode !== 0) {
      await this.run(['workspace', 'new', '-no-color', name], {
        streamStdout: true,
        readsConfiguration: true,
      });
    }
  }

  async plan(options: PlanOptions): Promise<PlanResult> {
    const args = ['plan', '-input=false', '-json', '-detailed-exitcode', `-out=${options.out}`];
    if (options.destroy) args.push('-destroy');
    if (options.refreshOnly) args.push('-refresh-only');
    for (const file of options.varFiles ?? []) args.push(`-var-file=${file}`);
    for (const target of options.targets ?? []) args.push(`-target=${target}`);
    for (const address of options.replace ?? []) args.push(`-replace=${address}`);
    args.push(...tuningArgs(options));
    const { exitCode, stream } = await this.run(args, {
      streamStdout: true,
      readsConfiguration: true,
      env: variableEnv(options.vars ?? []),
      okExitCodes: [0, 2],
    });
    return {
      exitCode: exitCode === 2 ? 2 : 0,
      hasChanges: exitCode === 2,
      diagnostics: stream.diagnostics,
      ...(stream.changeSummary ? { changeSummary: stream.changeSummary } : {}),
    };
  }

  /**
   * The planfile as `show -json`: the document reviewers and the summary read. Its stdout holds every
   * planned value, sensitive ones included, so it is parsed and never logged.
   */
  async show(planfile: string): Promise<PlanDocument> {
    const { stdout } = await this.run(['show', '-json', '-no-color', planfile], {
      streamStdout: false,
      readsConfiguration: false,
    });
    const doc = this.document(stdout, 'show -json');
    assertPlanFormat(doc);
    return doc;
  }

  /** Applies exactly the planfile; never plans anew (a planfile carries its own variables). */
  async apply(planfile: string, options: ApplyOptions = {}): Promise<ApplyResult> {
    const args = ['apply', '-input=false', '-json', '-auto-approve', ...tuningArgs(options), planfile];
    const { stream } = await this.run(args, { streamStdout: true, readsConfiguration: false });
    return {
      applied: stream.applied,
      diagnostics: stream.diagnostics,
      ...(stream.changeSummary ? { changeSummary: stream.changeSummary } : {}),
      ...(stream.outputs ? { outputs: stream.outputs } : {}),
    };
  }

  /** Every root output with its value, sensitive ones included: never logged. */
  async output(): Promise<OutputJson> {
    const { stdout } = await this.run(['output', '-json', '-no-color'], {
      streamStdout: false,
      readsConfiguration: false,
    });
    return this.document(stdout, 'output -json') as OutputJson;
  }

  /**
   * The current state, or undefined when there is none (`state pull` then prints nothing). With a
   * workspace, that workspace's state, read through TF_WORKSPACE so that reading one never creates it.
   */
  async statePull(options: { workspace?: string } = {}): Promise<Record<string, unknown> | undefined> {
    const { stdout } = await this.run(['state', 'pull', '-no-color'], {
      streamStdout: false,
      readsConfiguration: false,
      ...(options.workspace ? { env: { TF_WORKSPACE: options.workspace } } : {}),
    });
    const { value, preamble } = parseJsonDocument(stdout);
    if (preamble) this.options.logger.info(preamble);
    if (value === undefined) return undefined;
    return this.asObject(value, 'state pull');
  }

  private document(stdout: string, command: string): Record<string, unknown> {
    const { value, preamble } = parseJsonDocument(stdout);
    if (preamble) this.options.logger.info(preamble);
    return this.asObject(value, command);
  }

  private asObject(value: unknown, command: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${this.tool.name} ${command} printed no JSON object`);
    }
    return value as Record<string, unknown>;
  }

  private async run(args: string[], options: RunOptions): Promise<RunResult> {
    const { exec, logger, tool } = this.options;
    const command = [tool.name, ...args.map(safeArg)];
    logger.debug(`running ${command.join(' ')} in ${this.where.relativeDir}`);
    const stream = new UiStream(logger, this.where);
    const result = await exec(tool.path, args, {
      cwd: this.where.cwd,
      env: { ...this.options.env, ...AUTOMATION_ENV, ...options.env },
      ...(options.streamStdout ? { onStdoutLine: stream.onStdoutLine } : {}),
      onStderrLine: stream.onStderrLine,
    });
    if (!(options.okExitCodes ?? [0]).includes(result.exitCode)) {
      throw commandFailure({
        command,
        exitCode: result.exitCode,
        diagnostics: stream.diagnostics,
        applied: stream.applied,
        stderrTail: stream.stderrTail(),
        readsConfiguration: options.readsConfiguration,
        directory: this.where.relativeDir,
      });
    }
    return { exitCode: result.exitCode, stdout: result.stdout, stream };
  }
}

function tuningArgs(options: ApplyOptions): string[] {
  const args: string[] = [];
  if (options.lockTimeout) args.push(`-lock-timeout=${options.lockTimeout}`);
  if (options.parallelism !== undefined) args.push(`-parallelism=${options.parallelism}`);
  return args;
}

/** TF_VAR_<name> for each variable: values travel in the environment, never in argv or the log. */
function variableEnv(vars: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of vars) {
    if (!VARIABLE_NAME.test(name)) {
      throw new ConfigurationError(`vars: "${name}" is not a variable name (letters, digits, _ and -)`);
    }
    env[`TF_VAR_${name}`] = value;
  }
  return env;
}

/** The argument as it may be shown: backend-config key=value entries often hold credentials. */
function safeArg(arg: string): string {
  const match = /^(-backend-config=[^=]+)=/.exec(arg);
  return match ? `${match[1]}=***` : arg;
}

/**
 * The names in `vars` that the root module does not declare. The tool silently ignores a TF_VAR_ for
 * an undeclared variable, so without this check a misspelt name in `vars` would simply not apply.
 * Reads the declarations from the `show -json` document of the plan.
 */
export function undeclaredVariables(
  planDocument: Record<string, unknown>,
  names: readonly string[],
): string[] {
  const configuration = planDocument.configuration as
    { root_module?: { variables?: Record<string, unknown> } } | undefined;
  const declared = new Set(Object.keys(configuration?.root_module?.variables ?? {}));
  return names.filter((name) => !declared.has(name));
}

/** Throws the ConfigurationError for undeclared names in `vars`, naming them (never their values). */
export function assertVariablesDeclared(
  planDocument: Record<string, unknown>,
  names: readonly string[],
): void {
  const undeclared = undeclaredVariables(planDocument, names);
  if (undeclared.length === 0) return;
  throw new ConfigurationError(
    `vars: the configuration declares no variable named ${undeclared.map((n) => `"${n}"`).join(', ')}; ` +
      'add a variable block for it or remove it from vars',
  );
}
