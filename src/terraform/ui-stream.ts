import { isAbsolute, posix, relative, resolve } from 'node:path';
import { ToolOutputStream } from '../core/line-stream.js';
import type { AnnotationProperties } from '../core/logger.js';

/**
 * The machine-readable UI (`-json`) that init, plan and apply print, one JSON object a line: rendered
 * to the log as it streams, with the diagnostics turned into annotations on the user's files.
 */

export interface SourcePosition {
  line: number;
  column: number;
}

/** A diagnostic as the tool reports it, plus where it points in the repository. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  /** The tool's range; `filename` is relative to the working directory the tool ran in. */
  range?: { filename: string; start: SourcePosition; end: SourcePosition };
  /** The same file relative to the workspace root (POSIX separators), when it lies inside the workspace. */
  file?: string;
}

/** The `changes` of a `change_summary` line: what plan will do or what apply did. */
export interface ChangeSummary {
  add: number;
  change: number;
  remove: number;
  import: number;
  forget: number;
  operation: string;
}

/**
 * Where the tool runs, seen two ways: `cwd` (absolute, where the process starts) and `relativeDir`,
 * the same directory relative to the workspace root. Annotations need workspace-relative paths, but
 * the tool reports file names relative to its own working directory, so the two are joined.
 */
export interface WorkingDirectory {
  cwd: string;
  relativeDir: string;
}

const toPosix = (path: string): string => path.replaceAll('\\', '/');

/**
 * The workspace-relative path of a file the tool named, or undefined when it lies outside the
 * workspace (a module cached elsewhere): an annotation on such a path would link nowhere.
 */
export function workspaceFile(filename: string, where: WorkingDirectory): string | undefined {
  let path: string;
  if (isAbsolute(filename)) {
    // Go up from cwd once per segment of relativeDir to find the workspace root.
    const depth = posix
      .normalize(toPosix(where.relativeDir))
      .split('/')
      .filter((s) => s && s !== '.');
    const root = resolve(where.cwd, ...depth.map(() => '..'));
    path = toPosix(relative(root, filename));
  } else {
    path = posix.join(toPosix(where.relativeDir), toPosix(filename));
  }
  path = posix.normalize(path);
  if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) return undefined;
  return path;
}

/** The annotation's location. GitHub accepts columns only on a single-line range, so they go otherwise. */
export function annotationFor(diagnostic: Diagnostic): AnnotationProperties {
  const properties: AnnotationProperties = { title: diagnostic.summary };
  const range = diagnostic.range;
  if (!range || !diagnostic.file) return properties;
  properties.file = diagnostic.file;
  properties.startLine = range.start.line;
  properties.endLine = range.end.line;
  if (range.start.line === range.end.line) {
    properties.startColumn = range.start.column;
    properties.endColumn = range.end.column;
  }
  return properties;
}

/** "infra/main.tf line 3" or "" when the diagnostic has no place in the workspace. */
export function locationOf(diagnostic: Diagnostic): string {
  if (!diagnostic.range) return '';
  const file = diagnostic.file ?? diagnostic.range.filename;
  return `${file} line ${diagnostic.range.start.line}`;
}

interface UiLine {
  '@level'?: string;
  '@message'?: string;
  type?: string;
  diagnostic?: Record<string, unknown>;
  changes?: ChangeSummary;
  hook?: { resource?: { addr?: string } };
  outputs?: Record<string, { sensitive?: boolean; type?: unknown; value?: unknown }>;
  /** In the `version` message. */
  tofu?: unknown;
  terraform?: unknown;
}

/** The tool's error when another process holds the state lock (state-lock.ts reads its detail). */
export const STATE_LOCK_SUMMARY = /^Error acquiring the state lock$/;
/** The tool's error when a saved plan's state has moved on. */
export const STALE_PLAN_SUMMARY = /^Saved plan is stale$/;

/**
 * The state backend refused the credentials, or found none: S3's error codes and the AWS SDK's words,
 * wherever the tool puts them (the summary or the detail).
 */
export const BACKEND_ACCESS_DENIED =
  /\b(SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|InvalidToken|ExpiredToken|static credentials are empty|no valid credential sources|StatusCode: 403)\b/;

/**
 * Errors the step's failure restates in full, with what to do: logged as text, not annotated, so that
 * the step shows one error line rather than the tool's copy beside ours.
 */
export function isRestatedError(diagnostic: Diagnostic): boolean {
  if (diagnostic.severity !== 'error') return false;
  if (STATE_LOCK_SUMMARY.test(diagnostic.summary) || STALE_PLAN_SUMMARY.test(diagnostic.summary)) return true;
  return BACKEND_ACCESS_DENIED.test(`${diagnostic.summary}\n${diagnostic.detail}`);
}

/**
 * Consumes a command's output line by line: logs each message as it arrives, annotates diagnostics,
 * and remembers what a caller needs afterwards (diagnostics, the change summary, what apply finished).
 * A line that is not JSON is plain text: an older tool without -json for this command, or a
 * CLI-configuration warning.
 */
export class UiStream extends ToolOutputStream<UiLine, WorkingDirectory> {
  readonly diagnostics: Diagnostic[] = [];
  /** Addresses whose apply completed, in order: after a failed apply, these did change. */
  readonly applied: string[] = [];
  changeSummary: ChangeSummary | undefined;
  /**
   * The root outputs of the last `outputs` message: after an apply, their values, except that the tool
   * leaves out the value of a sensitive one.
   */
  outputs: Record<string, { sensitive: boolean; type?: unknown; value: unknown }> | undefined;
  /** The version the first message reports: `"tofu": "1.12.6"` from OpenTofu, `"terraform"` from Terraform */
  version: string | undefined;

  protected parse(line: string): UiLine | undefined {
    return parseUiLine(line);
  }

  protected handle(message: UiLine): void {
    if (message.type === 'diagnostic' && message.diagnostic) {
      this.report(toDiagnostic(message.diagnostic, this.context));
      return;
    }
    if (message.type === 'version') this.version ??= versionOf(message);
    if (message.type === 'change_summary' && message.changes) this.changeSummary = message.changes;
    if (message.type === 'outputs' && message.outputs) {
      this.outputs = Object.fromEntries(
        Object.entries(message.outputs).map(([name, output]) => [
          name,
          { type: output.type, value: output.value, sensitive: output.sensitive === true },
        ]),
      );
    }
    if (message.type === 'apply_complete' && message.hook?.resource?.addr) {
      this.applied.push(message.hook.resource.addr);
    }
    const text = message['@message'];
    if (text === undefined) return;
    if (message['@level'] === 'debug' || message['@level'] === 'trace') this.logger.debug(text);
    else this.logger.info(text);
  }

  private report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
    const text = diagnostic.detail ? `${diagnostic.summary}\n${diagnostic.detail}` : diagnostic.summary;
    if (isRestatedError(diagnostic)) {
      this.logger.info(text);
    } else if (diagnostic.severity === 'error') this.logger.error(text, annotationFor(diagnostic));
    else this.logger.warning(text, annotationFor(diagnostic));
  }
}

function versionOf(message: UiLine): string | undefined {
  const reported = message.tofu ?? message.terraform;
  return typeof reported === 'string' ? reported : undefined;
}

function parseUiLine(line: string): UiLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as UiLine) : undefined;
  } catch {
    return undefined;
  }
}

/** A diagnostic as the tool's JSON gives it (`-json` UI lines, `validate -json`), with its file in the workspace. */
export function toDiagnostic(raw: Record<string, unknown>, where: WorkingDirectory): Diagnostic {
  const diagnostic: Diagnostic = {
    severity: raw.severity === 'error' ? 'error' : 'warning',
    summary: typeof raw.summary === 'string' ? raw.summary : 'unknown problem',
    detail: typeof raw.detail === 'string' ? raw.detail : '',
  };
  const range = raw.range as Diagnostic['range'] | undefined;
  if (range && typeof range.filename === 'string' && range.start && range.end) {
    diagnostic.range = {
      filename: range.filename,
      start: { line: range.start.line, column: range.start.column },
      end: { line: range.end.line, column: range.end.column },
    };
    const file = workspaceFile(range.filename, where);
    if (file) diagnostic.file = file;
  }
  return diagnostic;
}
