import { ConfigurationError, StepFailure } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { findOnPath } from '../terraform/tool.js';
import { locationOf, type PackerDiagnostic, type TemplatePlace } from './diagnostics.js';
import { MachineReadableStream, parseMachineLine, type MachineArtifact } from './machine-readable.js';

/** The Packer that will run, as found on PATH and as it reports itself. */
export interface PackerTool {
  /** Absolute, so every command runs exactly the binary whose version was read. */
  path: string;
  version: string;
  major: number;
  minor: number;
}

/** Finds packer on PATH and reads its version. */
export async function resolvePacker(exec: Exec, searchPath = process.env.PATH ?? ''): Promise<PackerTool> {
  const path = findOnPath('packer', searchPath);
  if (!path) {
    throw new ConfigurationError(
      'packer is not on PATH. Run the setup action (the repository’s root action, with packer-version) in an ' +
        'earlier step of this job, or install Packer yourself.',
    );
  }
  const result = await exec(path, ['version', '-machine-readable'], { env: PACKER_ENV });
  const version = result.exitCode === 0 ? versionOf(result.stdout) : undefined;
  const match = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!version || !match) {
    throw new ConfigurationError(
      `${path} did not report its version (\`packer version\` exited ${result.exitCode}` +
        `${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}). Reinstall it with the setup action.`,
    );
  }
  return { path, version, major: Number(match[1]), minor: Number(match[2]) };
}

/** The `version` record, or `Packer v1.2.3` as printed by versions whose output has no such record. */
export function versionOf(stdout: string): string | undefined {
  for (const line of stdout.split('\n')) {
    const record = parseMachineLine(line);
    if (record?.type === 'version' && record.data[0]) return record.data[0].replace(/^v/, '');
  }
  return /Packer v(\d+\.\d+\.\d+[^\s]*)/.exec(stdout)?.[1];
}

/** `packer init` (and `required_plugins`) arrived in Packer 1.7. */
export function hasInit(tool: Pick<PackerTool, 'major' | 'minor'>): boolean {
  return tool.major > 1 || (tool.major === 1 && tool.minor >= 7);
}

/**
 * Packer asks HashiCorp's checkpoint service for newer versions on every run unless told not to: a
 * network call that a build step has no use for, and that hangs where the network is closed.
 */
const PACKER_ENV = { CHECKPOINT_DISABLE: '1' } as const;

export interface PackerCliOptions {
  tool: PackerTool;
  exec: Exec;
  logger: Logger;
  /** Where Packer runs and what it reads, for annotations. */
  place: TemplatePlace;
  /** The template as given to Packer: relative to `place.cwd`, or absolute. */
  template: string;
}

export interface TemplateArguments {
  varFiles?: readonly string[];
  only?: readonly string[];
  except?: readonly string[];
}

export interface BuildResult {
  artifacts: MachineArtifact[];
}

/** A Packer command that failed on the template itself: one error line, annotations on the files. */
export class PackerTemplateError extends ConfigurationError {
  constructor(
    message: string,
    readonly diagnostics: readonly PackerDiagnostic[],
  ) {
    super(message);
  }
}

/** A Packer command that failed for another reason: a build, a plugin, a crash. */
export class PackerFailure extends StepFailure {
  override readonly name = 'PackerFailure';
}

/**
 * packer with one template in one working directory. Every command runs with an argument array and
 * `-machine-readable`, streamed through the parser as it goes.
 */
export class PackerCli {
  constructor(private readonly options: PackerCliOptions) {}

  get tool(): PackerTool {
    return this.options.tool;
  }

  /** Installs the plugins the template's required_plugins name (Packer 1.7+). */
  async init(): Promise<void> {
    await this.run(['init', this.options.template], 'init');
  }

  async validate(args: TemplateArguments): Promise<void> {
    await this.run(['validate', ...templateArgs(args), this.options.template], 'validate');
  }

  async build(args: TemplateArguments): Promise<BuildResult> {
    const stream = await this.run(['build', ...templateArgs(args), this.options.template], 'build');
    return { artifacts: stream.artifacts };
  }

  private async run(args: string[], command: 'init' | 'validate' | 'build'): Promise<MachineReadableStream> {
    const { exec, logger, tool, place } = this.options;
    const fullArgs = ['-machine-readable', ...args];
    // No argument holds a value: variables travel in a var file (see variables.ts).
    logger.debug(`running packer ${fullArgs.join(' ')} in ${place.relativeDir}`);
    const stream = new MachineReadableStream(logger, place);
    const result = await exec(tool.path, fullArgs, {
      cwd: place.cwd,
      env: PACKER_ENV,
      onStdoutLine: stream.onStdoutLine,
      onStderrLine: stream.onStderrLine,
    });
    if (result.exitCode !== 0) throw failure(command, result.exitCode, stream);
    return stream;
  }
}

function templateArgs(args: TemplateArguments): string[] {
  const list: string[] = [];
  for (const file of args.varFiles ?? []) list.push(`-var-file=${file}`);
  if (args.only?.length) list.push(`-only=${args.only.join(',')}`);
  if (args.except?.length) list.push(`-except=${args.except.join(',')}`);
  return list;
}

// The annotations carry every error in full; the one error line names the first few.
const DESCRIBED_ERRORS = 3;

function failure(command: string, exitCode: number, stream: MachineReadableStream): Error {
  const what = `packer ${command} failed`;
  const errors = stream.diagnostics.filter((d) => d.severity === 'error');
  // Packer reads the whole template before it starts any build: what it refuses then is the template.
  if (errors.length > 0 && (command !== 'build' || stream.builds.size === 0)) {
    return new PackerTemplateError(`${what}: ${describe(errors)}`, stream.diagnostics);
  }
  const reasons = [
    ...errors.map(describeOne),
    ...stream.buildErrors.map(({ build, message }) => `${build}: ${message}`),
    ...stream.otherErrors,
  ];
  if (reasons.length > 0) {
    const shown = reasons.slice(0, DESCRIBED_ERRORS).join('; ');
    const more = reasons.length - DESCRIBED_ERRORS;
    return new PackerFailure(`${what}: ${shown}${more > 0 ? `; and ${more} more, annotated above` : ''}`);
  }
  const tail = stream.stderrTail();
  return new PackerFailure(
    `${what} with exit code ${exitCode} and no error message${tail ? `:\n${tail}` : '; see the log above'}`,
  );
}

function describeOne(diagnostic: PackerDiagnostic): string {
  const where = locationOf(diagnostic);
  const detail = diagnostic.detail ? ` (${diagnostic.detail.split('\n')[0]})` : '';
  return `${where ? `${where}: ` : ''}${diagnostic.summary}${detail}`;
}

function describe(errors: readonly PackerDiagnostic[]): string {
  const shown = errors.slice(0, DESCRIBED_ERRORS).map(describeOne);
  const more = errors.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more error(s), annotated above` : '');
}
