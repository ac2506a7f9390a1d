/**
 * The outputs after apply, split into what may be shown and what must be masked.
 *
 * `secrets` is returned whatever `exposeSensitive` says: exposing a sensitive output means writing it
 * to the outputs file, not printing it in the log, so the caller masks these either way.
 */

/** One entry of `output -json`. */
export interface OutputEntry {
  sensitive: boolean;
  type?: unknown;
  value: unknown;
}

export interface RedactOptions {
  /** Keep sensitive values in `values` (the expose-sensitive input). */
  exposeSensitive: boolean;
}

export interface RedactedOutputs {
  /** Every top-level output by name; a sensitive one is "(sensitive)" unless exposed. */
  values: Record<string, unknown>;
  /** Only the outputs that are not sensitive: what may go in a step output. */
  nonSensitive: Record<string, unknown>;
  /** Every string inside a sensitive value, longest first, for masking and for redacting files. */
  secrets: string[];
}

export const REDACTED = '(sensitive)';

const MIN_LINE_TO_MASK = 4;

export function redactOutputs(
  outputJson: Record<string, OutputEntry>,
  options: RedactOptions,
): RedactedOutputs {
  const values: Record<string, unknown> = {};
  const nonSensitive: Record<string, unknown> = {};
  const secrets = new Set<string>();
  for (const [name, output] of Object.entries(outputJson)) {
    if (!output.sensitive) {
      values[name] = output.value;
      nonSensitive[name] = output.value;
      continue;
    }
    values[name] = options.exposeSensitive ? output.value : REDACTED;
    for (const form of secretForms(output.value)) secrets.add(form);
  }
  // Longest first, so that redacting a value never leaves part of a longer one that contains it.
  return { values, nonSensitive, secrets: [...secrets].sort((a, b) => b.length - a.length) };
}

/** The forms of every string inside a sensitive value that must be masked and redacted. */
export function secretForms(value: unknown): string[] {
  return stringLeaves(value).flatMap(maskForms);
}

/** Every string in a value, at any depth. Numbers and booleans are too common to mask usefully. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringLeaves);
  return [];
}

/**
 * The forms a secret takes where it could leak: as is; line by line (the runner masks a multi-line
 * secret only where it is printed whole, while a tool prints a key line by line); and JSON-escaped
 * (how it appears inside outputs.json). Empty strings are skipped: masking "" would mask nothing useful.
 */
function maskForms(secret: string): string[] {
  const forms = [secret];
  if (secret.includes('\n')) {
    // A line as short as "}" or "---" would mask that text everywhere in the log: leave those out.
    const lines = secret.split(/\r?\n/).map((line) => line.trim());
    forms.push(...lines.filter((line) => line.length >= MIN_LINE_TO_MASK));
  }
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) forms.push(escaped);
  return forms.filter((form) => form !== '');
}
