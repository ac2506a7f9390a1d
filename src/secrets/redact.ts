import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { AnnotationProperties, Logger } from '../core/logger.js';
import { BUILT_IN_RULES, type SecretRule } from './rules.js';
import { BODY_RUN, endOfBlock, matchSecrets, type SecretFinding } from './scan.js';

/**
 * Hides credentials in text that is about to leave the step: the log, the job summary, the SARIF file,
 * the artifact. Two passes, both over the whole text:
 *
 * - every exact value the secret scan found (the scanner tells them as it finds them; a value found in
 *   one file is hidden wherever it appears: in a quote of another file, or without the context a rule
 *   needs, such as `aws_secret_access_key =`);
 * - every match of the scanner's own rules (src/secrets/rules.ts, through the same `matchSecrets`),
 *   so that a credential is hidden even where the scan did not look (a .gitignore'd file a tool quotes,
 *   or a scan that was turned off). A private key's body is hidden with its header, up to its end line.
 *
 * The values live in a private field: JSON.stringify or a log line of the redactor prints none of them.
 */

/** What a value the scan found becomes. */
export const REDACTED = '[REDACTED]';
/** What a rule's match becomes: the rule says what kind of credential stood there. */
export function redactedBy(rule: string): string {
  return `[REDACTED:${rule}]`;
}

/** Shorter values are not taken as secrets to hide everywhere: they would hide ordinary words. */
const MIN_VALUE_LENGTH = 8;

export class Redactor {
  readonly #values = new Set<string>();
  #ordered: string[] | undefined;

  constructor(private readonly rules: readonly SecretRule[] = BUILT_IN_RULES) {}

  /** A value to hide wherever it appears, from now on. */
  add(value: string): void {
    const trimmed = value.trim();
    if (trimmed.length < MIN_VALUE_LENGTH || this.#values.has(trimmed)) return;
    this.#values.add(trimmed);
    this.#ordered = undefined;
  }

  /** How many values the redactor hides besides the rules' matches (a count, never the values). */
  get size(): number {
    return this.#values.size;
  }

  redact(text: string): string {
    if (text === '') return text;
    let out = text;
    // Longest first, so that a value that holds a shorter one is hidden whole.
    this.#ordered ??= [...this.#values].sort((a, b) => b.length - a.length);
    for (const value of this.#ordered) {
      if (out.includes(value)) out = out.split(value).join(REDACTED);
    }
    return redactByRules(out, this.rules);
  }

  /** A copy of `value` with every string in it (keys too) redacted; other values unchanged. */
  redactDeep<T>(value: T): T {
    return redactStrings(value, (text) => this.redact(text));
  }

  /** JSON of a redactor: never its values. */
  toJSON(): { values: number } {
    return { values: this.#values.size };
  }
}

/** The text with each match of the rules replaced by its placeholder, and a private key's body with it. */
export function redactByRules(text: string, rules: readonly SecretRule[] = BUILT_IN_RULES): string {
  const matches = matchSecrets(text, rules);
  if (matches.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const match of matches) {
    // Matches of two rules may overlap (a token inside a URL): the first one hides both.
    if (match.start < at) continue;
    parts.push(text.slice(at, match.start), redactedBy(match.rule.id));
    at = match.end;
    if (match.rule.endMarker) {
      // The body keeps its line structure (a diff's -/+ marks, a quote's indentation); its runs go.
      const end = endOfBlock(text, match);
      parts.push(
        text
          .slice(at, end)
          .split('\n')
          .map((line) =>
            line.replace(
              DIFF_MARK,
              (_, mark: string, rest: string) => mark + rest.replace(BODY_RUN, REDACTED),
            ),
          )
          .join('\n'),
      );
      at = end;
    }
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A line's diff mark (`+` is also a base64 character): kept, so that a redacted diff still reads as one. */
const DIFF_MARK = /^([-+ ]?)(.*)$/s;

export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, redact)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]),
    ) as T;
  }
  return value;
}

/**
 * A logger that redacts every message, annotation title and group name before the runner sees it.
 * `mask` passes its value through unchanged: the runner needs the real value to mask it.
 */
export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  const properties = (given?: AnnotationProperties): AnnotationProperties | undefined =>
    given ? redactor.redactDeep(given) : given;
  return {
    debug: (message) => logger.debug(redactor.redact(message)),
    info: (message) => logger.info(redactor.redact(message)),
    notice: (message, given) => logger.notice(redactor.redact(message), properties(given)),
    warning: (message, given) => logger.warning(redactor.redact(message), properties(given)),
    error: (message, given) => logger.error(redactor.redact(message), properties(given)),
    mask: (secret) => logger.mask(secret),
    group: (name, body) => logger.group(redactor.redact(name), body),
  };
}

/**
 * The values at the places a scanner reported without the text (gitleaks with --redact): on the line
 * of each finding, the tokens (runs between spaces, quotes and separators) that lie mostly within its
 * columns. A token followed by `=` or `:` is a key's name, not its value, and is left alone. Tolerant of
 * a column one off either way, which is all a scanner's column convention can differ by.
 */
export async function valuesAtFindings(root: string, findings: readonly SecretFinding[]): Promise<string[]> {
  const values: string[] = [];
  const texts = new Map<string, string[] | undefined>();
  for (const finding of findings) {
    // Only files inside the scanned tree: a report's path is not trusted to stay there.
    if (finding.file.startsWith('../') || isAbsolute(finding.file)) continue;
    if (!texts.has(finding.file)) {
      // A file that cannot be read (gone since the scan) has no line left to redact: skip it.
      const text = await readFile(join(root, finding.file), 'utf8').catch(() => undefined);
      texts.set(finding.file, text?.split('\n'));
    }
    const line = texts.get(finding.file)?.[finding.line - 1];
    if (line === undefined) continue;
    values.push(...tokensWithin(line, finding.column - 1, Math.max(finding.endColumn - 1, finding.column)));
  }
  return values;
}

const ARMOUR = /-----(?:BEGIN|END)[A-Z0-9 ]*-----/g;
const TOKEN = /[^\s"'`,;=:()[\]{}<>]+/g;

export function tokensWithin(line: string, start: number, end: number): string[] {
  const tokens: string[] = [];
  const armour = [...line.matchAll(ARMOUR)].map((m): [number, number] => [
    m.index ?? 0,
    (m.index ?? 0) + m[0].length,
  ]);
  for (const match of line.matchAll(TOKEN)) {
    const from = match.index ?? 0;
    const to = from + match[0].length;
    const overlap = Math.min(to, end) - Math.max(from, start);
    if (overlap * 2 <= match[0].length) continue;
    if (/^\s*["']?\s*[=:]/.test(line.slice(to))) continue;
    // A PEM armour's words (`-----BEGIN OPENSSH PRIVATE KEY-----`) are the same in every key: not the secret.
    if (armour.some(([a, b]) => from < b && to > a)) continue;
    tokens.push(match[0]);
  }
  return tokens;
}
