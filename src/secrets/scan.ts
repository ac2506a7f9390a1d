import { open, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ALLOW_MARKERS, BUILT_IN_RULES, type SecretRule } from './rules.js';

/**
 * The built-in scanner: walks the working tree as git would see it (each directory's .gitignore
 * applies below it), skips what is never source (.git, .terraform, node_modules, binary and very
 * large files), and reports each match by rule, file, line and column. A finding never carries the
 * matched text: nothing downstream can print what it does not have.
 */

export interface SecretFinding {
  rule: string;
  description: string;
  /** Relative to the scanned root, POSIX separators. */
  file: string;
  line: number;
  column: number;
  endColumn: number;
}

export interface ScanStatistics {
  filesScanned: number;
  bytesScanned: number;
  /** Files left out because they hold a NUL byte (binary) or exceed the size limit. */
  binaryFiles: number;
  largeFiles: number;
  durationMs: number;
}

export interface ScanResult {
  findings: SecretFinding[];
  statistics: ScanStatistics;
}

export interface ScanOptions {
  rules?: readonly SecretRule[];
  /** Files larger than this are not read (default 5 MiB): generated data, not hand-written source. */
  maxFileBytes?: number;
  /** Directory names never entered, wherever they are. */
  skipDirectories?: readonly string[];
  /**
   * Told each secret's text (and a private key's body) as it is found, so that a redactor can hide it
   * wherever else it turns up; the findings themselves never carry it.
   */
  onSecret?: (value: string) => void;
}

export const SKIPPED_DIRECTORIES: readonly string[] = ['.git', '.terraform', 'node_modules'];
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
// git's own test for a binary file: a NUL byte in the first 8000 bytes.
const BINARY_PROBE_BYTES = 8000;

interface IgnoreScope {
  /** The directory of the .gitignore, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

export async function scanTree(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const rules = options.rules ?? BUILT_IN_RULES;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const skip = new Set(options.skipDirectories ?? SKIPPED_DIRECTORIES);
  const statistics: ScanStatistics = {
    filesScanned: 0,
    bytesScanned: 0,
    binaryFiles: 0,
    largeFiles: 0,
    durationMs: 0,
  };
  const findings: SecretFinding[] = [];

  const ignored = (scopes: readonly IgnoreScope[], path: string, isDirectory: boolean): boolean =>
    scopes.some((scope) => {
      const relativePath = scope.base === '' ? path : posix.relative(scope.base, path);
      return scope.rules.ignores(isDirectory ? `${relativePath}/` : relativePath);
    });

  const walk = async (relativeDir: string, inherited: readonly IgnoreScope[]): Promise<void> => {
    const absoluteDir = join(root, relativeDir);
    const entries = await readdir(absoluteDir, { withFileTypes: true }).catch(() => []);
    let scopes = inherited;
    const gitignore = entries.find((entry) => entry.isFile() && entry.name === '.gitignore');
    if (gitignore) {
      const text = await readFile(join(absoluteDir, '.gitignore'), 'utf8').catch(() => '');
      scopes = [...inherited, { base: relativeDir, rules: ignore().add(text) }];
    }
    // Sorted, so that findings come in the same order on every file system.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      // Symbolic links are not followed: they may point outside the tree, or in a circle.
      if (entry.isDirectory()) {
        if (skip.has(entry.name) || ignored(scopes, path, true)) continue;
        await walk(path, scopes);
      } else if (entry.isFile()) {
        if (ignored(scopes, path, false)) continue;
        await scanFile(root, path, rules, maxFileBytes, statistics, findings, options.onSecret);
      }
    }
  };

  await walk('', []);
  statistics.durationMs = Date.now() - started;
  return { findings, statistics };
}

async function scanFile(
  root: string,
  path: string,
  rules: readonly SecretRule[],
  maxFileBytes: number,
  statistics: ScanStatistics,
  findings: SecretFinding[],
  onSecret: ((value: string) => void) | undefined,
): Promise<void> {
  // A file that cannot be opened (gone or unreadable since the listing) has nothing to scan: skip it.
  const handle = await open(join(root, path), 'r').catch(() => undefined);
  if (!handle) return;
  let buffer: Buffer;
  try {
    const { size } = await handle.stat();
    if (size > maxFileBytes) {
      statistics.largeFiles += 1;
      return;
    }
    buffer = await handle.readFile();
  } finally {
    await handle.close();
  }
  if (buffer.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    statistics.binaryFiles += 1;
    return;
  }
  statistics.filesScanned += 1;
  statistics.bytesScanned += buffer.length;
  findings.push(...scanText(buffer.toString('utf8'), path, rules, onSecret));
}

/**
 * One match of a rule in a text: where the secret is (the first capture group, else the whole match),
 * by offset. Matches that the rule allows (a documented example) or that stand on a line marked as
 * allowed are left out. The scanner and the redactor both use this, so that what the scan reports and
 * what every printed text hides follow one rule.
 */
export interface SecretMatch {
  rule: SecretRule;
  /** Offset of the secret's first character in the text. */
  start: number;
  /** Offset just past the secret's last character. */
  end: number;
  secret: string;
}

export function matchSecrets(text: string, rules: readonly SecretRule[] = BUILT_IN_RULES): SecretMatch[] {
  const lower = text.toLowerCase();
  const candidates = rules.filter((rule) => rule.keywords.some((keyword) => lower.includes(keyword)));
  if (candidates.length === 0) return [];
  const found: SecretMatch[] = [];
  for (const rule of candidates) {
    const pattern = new RegExp(
      rule.pattern.source,
      rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`,
    );
    for (const match of text.matchAll(pattern)) {
      const secret = match[1] ?? match[0];
      if (rule.allow?.(secret)) continue;
      const start = (match.index ?? 0) + (match[1] !== undefined ? match[0].indexOf(match[1]) : 0);
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const lineEnd = text.indexOf('\n', start);
      const lineText = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
      if (ALLOW_MARKERS.some((marker) => lineText.includes(marker))) continue;
      found.push({ rule, start, end: start + secret.length, secret });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The values a match stands for beyond its own text: for a rule with an end marker (a private key), the
 * encoded body up to the marker, as the runs of base64 a line holds (a diff or a quote shows one line).
 */
export function bodyOf(text: string, match: SecretMatch): string[] {
  if (!match.rule.endMarker) return [];
  const body = text.slice(match.end, endOfBlock(text, match));
  return [...body.matchAll(BODY_RUN)].map((run) => run[0]);
}

/** Base64 runs long enough to be part of a key, not a word: the lines of a PEM body are 64 characters. */
export const BODY_RUN = /[A-Za-z0-9+/=]{16,}/g;

/** Where a block that starts at the match ends: at its end marker, else at the end of the text. */
export function endOfBlock(text: string, match: SecretMatch): number {
  const marker = match.rule.endMarker;
  if (!marker) return match.end;
  const pattern = new RegExp(marker.source, marker.flags.replace('g', ''));
  const found = pattern.exec(text.slice(match.end));
  return found ? match.end + found.index : text.length;
}

/** Every match of every rule in one file's text, by line and column (1-based). */
export function scanText(
  text: string,
  file: string,
  rules: readonly SecretRule[] = BUILT_IN_RULES,
  onSecret?: (value: string) => void,
): SecretFinding[] {
  const matches = matchSecrets(text, rules);
  if (matches.length === 0) return [];
  const lineStarts = lineStartsOf(text);
  const found: SecretFinding[] = [];
  for (const match of matches) {
    if (onSecret) {
      onSecret(match.secret);
      for (const value of bodyOf(text, match)) onSecret(value);
    }
    const lineIndex = lineAt(lineStarts, match.start);
    const lineStart = lineStarts[lineIndex] ?? 0;
    const lineEnd = text.indexOf('\n', lineStart);
    found.push({
      rule: match.rule.id,
      description: match.rule.description,
      file,
      line: lineIndex + 1,
      column: match.start - lineStart + 1,
      endColumn: Math.min(match.end, lineEnd === -1 ? text.length : lineEnd) - lineStart + 1,
    });
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** The index of the line holding `offset`: the last start at or before it. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
