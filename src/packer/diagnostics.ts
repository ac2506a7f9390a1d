import { resolve } from 'node:path';
import type { AnnotationProperties } from '../core/logger.js';
import { workspaceFile } from '../terraform/ui-stream.js';

/**
 * Packer's errors arrive as text in `ui,error` records. For HCL2 templates that text is HCL's
 * diagnostic rendering, several to a record:
 *
 *   Error: Missing item separator
 *
 *     on golden.pkr.hcl line 8, in build:
 *      8:   }
 *
 *   Expected a comma to mark the beginning of the next item.
 *
 * Some put the precise place in the detail (`golden.pkr.hcl:7,26-31: Unsupported attribute; ...`);
 * JSON templates give `At line 2, column 57` and no file name, since there is only the one file.
 */

export interface PackerDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  /** Relative to the workspace (POSIX), when the diagnostic points into a file inside it. */
  file?: string;
  line?: number;
  column?: number;
  /** The diagnostic points into the var file written from the `vars` input, which is no file of the user's. */
  inVars?: boolean;
}

/** Where Packer runs and what it reads, to turn the file names it prints into workspace paths. */
export interface TemplatePlace {
  /** Packer's working directory (absolute). */
  cwd: string;
  /** The same directory relative to the workspace root. */
  relativeDir: string;
  /** The template, relative to the workspace, when it is one file: messages that name no file are about it. */
  templateFile?: string;
  /** The var file written from the `vars` input (absolute). */
  variablesFile?: string;
}

const HEADER = /^(Error|Warning): (.*)$/;
const LOCATION = /^\s+on (.*?) line (\d+)(?:, in .*)?:$/;
const SOURCE = /^\s+(?:\d+: |\(source code not available\)$)/;
const DETAIL_RANGE = /^(\S+?\.(?:hcl|json)):(\d+),(\d+)(?:-\d+)?: ([\s\S]*)$/;
const JSON_POSITION = /^At line (\d+), column (\d+)/m;

/** Every diagnostic in one ui error text; none when the text is not in a shape described above. */
export function parseDiagnostics(text: string, place: TemplatePlace): PackerDiagnostic[] {
  const json = jsonParseError(text, place);
  if (json) return [json];

  const diagnostics: PackerDiagnostic[] = [];
  let current: { diagnostic: PackerDiagnostic; body: string[] } | undefined;
  const finish = () => {
    if (current) diagnostics.push(complete(current.diagnostic, current.body, place));
  };
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      finish();
      current = {
        diagnostic: {
          severity: header[1] === 'Warning' ? 'warning' : 'error',
          summary: (header[2] ?? '').trim(),
          detail: '',
        },
        body: [],
      };
      continue;
    }
    current?.body.push(line);
  }
  finish();
  return diagnostics;
}

function complete(diagnostic: PackerDiagnostic, body: string[], place: TemplatePlace): PackerDiagnostic {
  const detail: string[] = [];
  let located = false;
  // Whether the diagnostic named a place at all, even one outside the workspace.
  let placed = false;
  for (const line of body) {
    const location = located ? null : LOCATION.exec(line);
    if (location) {
      located = true;
      placed = setPlace(diagnostic, location[1] ?? '', Number(location[2]), undefined, place);
      continue;
    }
    if (SOURCE.test(line)) continue;
    detail.push(line);
  }
  let text = detail.join('\n').trim();
  // A precise range at the head of the detail beats the block's line above it.
  const range = DETAIL_RANGE.exec(text);
  if (range) {
    placed = setPlace(diagnostic, range[1] ?? '', Number(range[2]), Number(range[3]), place) || placed;
    text = (range[4] ?? '').trim();
  }
  diagnostic.detail = text.replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n');
  if (!placed && place.templateFile !== undefined) diagnostic.file = place.templateFile;
  return diagnostic;
}

/** Sets the diagnostic's place; false when HCL gave none ("on  line 0:"). */
function setPlace(
  diagnostic: PackerDiagnostic,
  filename: string,
  line: number,
  column: number | undefined,
  place: TemplatePlace,
): boolean {
  if (filename === '' || !(line > 0)) return false;
  delete diagnostic.file;
  delete diagnostic.line;
  delete diagnostic.column;
  if (place.variablesFile !== undefined && resolve(place.cwd, filename) === place.variablesFile) {
    // Its lines hold the values, which may be secrets: name the input, not the place.
    diagnostic.inVars = true;
    return true;
  }
  const file = workspaceFile(filename, place);
  if (file === undefined) return true;
  diagnostic.file = file;
  diagnostic.line = line;
  if (column !== undefined && column > 0) diagnostic.column = column;
  return true;
}

function jsonParseError(text: string, place: TemplatePlace): PackerDiagnostic | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('Failed to parse template')) return undefined;
  const [summary = trimmed] = trimmed.split('\n');
  const position = JSON_POSITION.exec(trimmed);
  const diagnostic: PackerDiagnostic = { severity: 'error', summary, detail: '' };
  if (place.templateFile !== undefined) {
    diagnostic.file = place.templateFile;
    if (position) {
      diagnostic.line = Number(position[1]);
      diagnostic.column = Number(position[2]);
    }
  }
  return diagnostic;
}

/** The annotation's place: file and line when known; GitHub takes a column only with a line. */
export function annotationFor(diagnostic: PackerDiagnostic): AnnotationProperties {
  const properties: AnnotationProperties = { title: diagnostic.summary };
  if (diagnostic.file === undefined) return properties;
  properties.file = diagnostic.file;
  if (diagnostic.line !== undefined) {
    properties.startLine = diagnostic.line;
    properties.endLine = diagnostic.line;
    if (diagnostic.column !== undefined) properties.startColumn = diagnostic.column;
  }
  return properties;
}

/** "images/golden.pkr.hcl line 8" or "images/golden.pkr.hcl" or 'input "vars"' or "". */
export function locationOf(diagnostic: PackerDiagnostic): string {
  if (diagnostic.inVars) return 'input "vars"';
  if (diagnostic.file === undefined) return '';
  return diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file} line ${diagnostic.line}`;
}
