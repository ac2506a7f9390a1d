/**
 * Display text for values and paths: one line, unambiguous, and free of characters that change how
 * the text around them reads (line breaks, bidirectional overrides, invisible format characters).
 */

export type PathStep = string | number;

// Characters that are invisible or reorder text (the "Trojan Source" family), and the two line
// separators JSON.stringify leaves raw: each is shown as its \u escape instead.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g;

export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A JSON literal of a primitive: strings quoted and escaped, so a value never spans lines. */
export function displayLiteral(value: unknown): string {
  if (typeof value === 'string') return escapeInvisible(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return escapeInvisible(JSON.stringify(value) ?? 'null');
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `input.tags["a b"][0]`: bare names where they are identifiers, quoted keys otherwise. */
export function displayPath(steps: readonly PathStep[]): string {
  let path = '';
  steps.forEach((step, i) => {
    if (typeof step === 'number') path += `[${step}]`;
    else if (IDENTIFIER.test(step)) path += i === 0 ? step : `.${step}`;
    else path += `[${displayLiteral(step)}]`;
  });
  return path;
}

/** Text made safe to show on one line: line breaks and other control characters become escapes. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001F\u007F-\u009F]/g;
  return escapeInvisible(text).replace(controls, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
