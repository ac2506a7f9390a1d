import { htmlText } from '../markdown/escape.js';

/**
 * The tagged template report.html is built with: it escapes every interpolated value with the
 * repository's HTML escaping, so nothing read from an artifact can add an element or an attribute.
 * Only what the template itself made (SafeHtml) goes in as markup.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Value = SafeHtml | string | number | undefined | null | false | readonly Value[];

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: Value) => render(v)).join('');
  return htmlText(String(value));
}

/** `html\`<td>${text}</td>\``: the literal parts are markup, every value is text unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  return new SafeHtml(
    strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''),
  );
}
