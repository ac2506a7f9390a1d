import type { AnnotationProperties } from '../core/logger.js';

/**
 * What every check of the validate stage reports: a status (a check that could not run says so and
 * why, rather than passing), and findings that point at a file and line. A finding's message never
 * holds the text it found: for secrets that text is the secret.
 */

export type CheckStatus = 'passed' | 'failed' | 'skipped';
export type FindingLevel = 'error' | 'warning' | 'note';

export interface Finding {
  /** The SARIF rule id, such as `tofu/validate` or `secrets/aws-access-key-id`. */
  rule: string;
  /** One line that describes the rule, for SARIF's rule list. */
  ruleDescription: string;
  level: FindingLevel;
  message: string;
  /** Relative to the workspace (POSIX), when the finding points into a file inside it. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** The result of one `tofu test` run block. */
export interface TestRunResult {
  file: string;
  run: string;
  status: 'pass' | 'fail' | 'error' | 'skip' | 'pending';
}

/** One file `fmt -check` would change, with the diff it printed. */
export interface FormatDiff {
  file: string;
  diff: string;
}

export interface CheckResult {
  /** `fmt`, `validate`, `test`, `packer`, `ansible-syntax`, `ansible-lint` or `secrets`. */
  id: string;
  /** What ran, for people: `tofu fmt`. */
  title: string;
  /** What it ran on, relative to the workspace: `infra`, `packer/golden.pkr.hcl`, `.`. */
  subject: string;
  status: CheckStatus;
  /** Why it was skipped, or a one-line account of a failure or a pass. */
  reason?: string;
  findings: Finding[];
  diffs?: FormatDiff[];
  tests?: TestRunResult[];
  durationMs?: number;
}

export function skipped(id: string, title: string, subject: string, reason: string): CheckResult {
  return { id, title, subject, status: 'skipped', reason, findings: [] };
}

/** The annotation's place: file and line when known; GitHub takes columns only on a one-line range. */
export function annotationOf(finding: Finding): AnnotationProperties {
  const properties: AnnotationProperties = { title: finding.ruleDescription };
  if (finding.file === undefined) return properties;
  properties.file = finding.file;
  if (finding.line !== undefined) {
    properties.startLine = finding.line;
    properties.endLine = finding.endLine ?? finding.line;
    if (finding.column !== undefined && properties.endLine === finding.line) {
      properties.startColumn = finding.column;
      if (finding.endColumn !== undefined) properties.endColumn = finding.endColumn;
    }
  }
  return properties;
}

/** "infra/main.tf line 3", "infra/main.tf" or "". */
export function placeOf(finding: Pick<Finding, 'file' | 'line'>): string {
  if (finding.file === undefined) return '';
  return finding.line === undefined ? finding.file : `${finding.file} line ${finding.line}`;
}
