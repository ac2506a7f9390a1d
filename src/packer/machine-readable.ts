import { ToolOutputStream } from '../core/line-stream.js';
import { annotationFor, parseDiagnostics, type PackerDiagnostic, type TemplatePlace } from './diagnostics.js';

/**
 * Packer's `-machine-readable` output: one record a line, `timestamp,target,type,data...`, each data
 * field with commas written as `%!(PACKER_COMMA)` and newlines as a literal `\n`. Read as it streams:
 * `ui` lines go to the log, errors become annotations, artifact lines are collected.
 */

export interface MachineRecord {
  timestamp: number;
  /** The build the record is about (`null.basic`), empty for messages about the whole run. */
  target: string;
  type: string;
  data: string[];
}

/** An artifact as the `artifact,N,...` lines describe it, between its first line and `artifact,N,end`. */
export interface MachineArtifact {
  build: string;
  index: number;
  id: string;
  builderId?: string;
  description?: string;
  files: string[];
  /** `artifact,N,nil`: the build (or a post-processor) produced nothing. */
  nil: boolean;
}

/** Undoes Packer's escaping of one data field (commas first, as Packer escaped them first). */
export function unescapeField(field: string): string {
  return field.replaceAll('%!(PACKER_COMMA)', ',').replaceAll('\\r', '\r').replaceAll('\\n', '\n');
}

const RECORD = /^(\d+),([^,]*),([^,]+)(?:,(.*))?$/;

/** One line as a record, or undefined for a line that is not one (a plugin's stray output). */
export function parseMachineLine(line: string): MachineRecord | undefined {
  const match = RECORD.exec(line.replace(/\r$/, ''));
  if (!match) return undefined;
  const [, timestamp = '0', target = '', type = '', rest] = match;
  return {
    timestamp: Number(timestamp),
    target,
    type,
    data: rest === undefined ? [] : rest.split(',').map(unescapeField),
  };
}

// The ui errors that only repeat a build's error, which its own `error` record annotates.
const BUILD_ERROR_ECHOES: readonly RegExp[] = [
  /^Build '[^']*' errored/,
  /^\s*==> Some builds didn't complete successfully/,
  /^--> [^:]+: /,
];

/**
 * Consumes one Packer command's output line by line. Everything a person should read goes to the log
 * as it arrives; what callers need afterwards is kept: diagnostics, build errors, artifacts, version.
 */
export class MachineReadableStream extends ToolOutputStream<MachineRecord, TemplatePlace> {
  readonly diagnostics: PackerDiagnostic[] = [];
  /** `target,error,message` records: a build that failed, and why. */
  readonly buildErrors: Array<{ build: string; message: string }> = [];
  readonly artifacts: MachineArtifact[] = [];
  /** ui errors that were neither diagnostics nor echoes of a build error. */
  readonly otherErrors: string[] = [];
  version: string | undefined;
  /** The builds that said anything: none when Packer stopped on the template before building. */
  readonly builds = new Set<string>();
  private readonly open = new Map<string, MachineArtifact>();

  protected parse(line: string): MachineRecord | undefined {
    return parseMachineLine(line);
  }

  protected handle(record: MachineRecord): void {
    if (record.target) this.builds.add(record.target);
    switch (record.type) {
      case 'ui':
        this.ui(record.data[0] ?? '', record.data.slice(1).join(','));
        return;
      case 'error': {
        const message = record.data.join(',').trim();
        const build = record.target || 'packer';
        this.buildErrors.push({ build, message });
        this.logger.error(message, { title: `Packer build ${build} failed` });
        return;
      }
      case 'artifact':
        this.artifact(record);
        return;
      case 'version':
        this.version = record.data[0];
        return;
      default:
        // artifact-count, error-count, version-commit, template-*: the ui lines say it for people.
        this.logger.debug(
          `packer ${record.type}${record.target ? ` (${record.target})` : ''}: ${record.data.join(',')}`,
        );
    }
  }

  private ui(kind: string, text: string): void {
    const lines = text.replace(/^\n+|\n+$/g, '');
    if (kind !== 'error') {
      if (lines) for (const line of lines.split('\n')) this.logger.info(line);
      return;
    }
    const diagnostics = parseDiagnostics(text, this.context);
    if (diagnostics.length > 0) {
      for (const diagnostic of diagnostics) this.report(diagnostic);
      return;
    }
    if (BUILD_ERROR_ECHOES.some((echo) => echo.test(lines))) {
      this.logger.info(lines);
      return;
    }
    this.otherErrors.push(lines);
    this.logger.error(lines, { title: 'Packer error' });
  }

  private report(diagnostic: PackerDiagnostic): void {
    this.diagnostics.push(diagnostic);
    const summary = diagnostic.inVars ? `Input "vars": ${diagnostic.summary}` : diagnostic.summary;
    const message = diagnostic.detail ? `${summary}\n${diagnostic.detail}` : summary;
    if (diagnostic.severity === 'error') this.logger.error(message, annotationFor(diagnostic));
    else this.logger.warning(message, annotationFor(diagnostic));
  }

  private artifact(record: MachineRecord): void {
    const [indexField = '', key = '', ...values] = record.data;
    const index = Number(indexField);
    if (!Number.isInteger(index)) return;
    const slot = `${record.target}\0${index}`;
    let artifact = this.open.get(slot);
    if (!artifact) {
      artifact = { build: record.target, index, id: '', files: [], nil: false };
      this.open.set(slot, artifact);
    }
    switch (key) {
      case 'builder-id':
        artifact.builderId = values.join(',');
        break;
      case 'id':
        artifact.id = values.join(',');
        break;
      case 'string':
        artifact.description = values.join(',');
        break;
      case 'file':
        // `file,N,name`: the file's index, then its name.
        artifact.files.push(values.slice(1).join(','));
        break;
      case 'nil':
        artifact.nil = true;
        break;
      case 'end':
        this.artifacts.push(artifact);
        this.open.delete(slot);
        break;
      default:
      // files-count and keys a newer Packer may add: nothing to keep.
    }
  }
}
