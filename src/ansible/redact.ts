import type { Logger } from '../core/logger.js';

export const REDACTED = '***';

// A line as short as "}" or "---" would blank that text everywhere: shorter forms are not registered.
const MIN_FORM_LENGTH = 4;

/**
 * The secrets of one run (key, vault password, extra variables) in every form they could be printed
 * in: whole, line by line (a key is printed line by line), and JSON-escaped (inside results.json).
 * Each form is masked on the runner as it is registered, and `redact` removes them from what the
 * action writes itself (the log file, results.json, the job summary), which the runner does not mask.
 */
export class Redactor {
  private forms: string[] = [];

  constructor(private readonly logger?: Pick<Logger, 'mask'>) {}

  add(secret: string): void {
    const forms = new Set([secret, secret.trim()]);
    if (secret.includes('\n')) {
      for (const line of secret.split(/\r?\n/)) forms.add(line.trim());
    }
    for (const form of [...forms]) forms.add(JSON.stringify(form).slice(1, -1));
    for (const form of forms) {
      if (form.length < MIN_FORM_LENGTH || this.forms.includes(form)) continue;
      this.forms.push(form);
      this.logger?.mask(form);
    }
    // Longest first, so that a secret containing another is replaced whole.
    this.forms.sort((a, b) => b.length - a.length);
  }

  /** Every string at any depth of a value (the extra variables); keys are names, not secrets. */
  addLeaves(value: unknown): void {
    if (typeof value === 'string') this.add(value);
    else if (Array.isArray(value)) for (const item of value) this.addLeaves(item);
    else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) this.addLeaves(item);
    }
  }

  redact(text: string): string {
    let result = text;
    for (const form of this.forms) result = result.split(form).join(REDACTED);
    return result;
  }
}
