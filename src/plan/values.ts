/**
 * Display text for values and paths: one line, unambiguous, and free of characters that change how
 * the text around them reads (line breaks, bidirectional overrides, invisible format characters).
 */

import { escapeInvisible } from '../markdown/escape.js';

export type PathStep = string | number;

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
