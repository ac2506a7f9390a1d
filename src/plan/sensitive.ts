import type { PlanModel, ShownValue } from './model.js';
import { displayLiteral, type PathStep } from './values.js';

/**
 * What a plan marks sensitive, and keeping it out of the model: the `*_sensitive` masks walked, the
 * sensitive strings gathered from every place the document marks one, and the model's text redacted
 * of them where the document forgot the mark.
 */

/** A `*_sensitive` or `after_unknown` mask: `true`, or an object or list of masks shaped like the value. */
export type Mask = unknown;
type Json = unknown;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The part of a mask (`*_sensitive`, `after_unknown`) under one step: a `true` covers everything below it. */
export function maskAt(mask: Mask, step: PathStep): Mask {
  if (mask === true) return true;
  if (Array.isArray(mask)) return typeof step === 'number' ? mask[step] : undefined;
  if (isObject(mask)) return typeof step === 'string' ? mask[step] : undefined;
  return undefined;
}

/** True when anything at or under this mask is set. */
export function anySet(mask: Mask): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(anySet);
  if (isObject(mask)) return Object.values(mask).some(anySet);
  return false;
}

/**
 * Sensitive strings, gathered from every place the document marks one, so they can also be redacted
 * where the document forgot the mark: tofu 1.12 keeps `terraform_data.output` unmarked in the state
 * even when it copies a sensitive `input`, and prints the old value in its own plan. Shorter strings
 * are not collected: redacting every "on" or "80" would hide more than it protects.
 */
const MIN_SECRET_LENGTH = 4;

function collectSecrets(value: Json, sensitive: Mask, into: Set<string>): void {
  if (value === null || value === undefined || !anySet(sensitive)) return;
  if (sensitive === true) {
    if (typeof value === 'string') {
      if (value.length >= MIN_SECRET_LENGTH) into.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collectSecrets(item, true, into);
    } else if (isObject(value)) {
      for (const key in value) collectSecrets(value[key], true, into);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => collectSecrets(item, maskAt(sensitive, i), into));
  else if (isObject(value)) for (const key in value) collectSecrets(value[key], maskAt(sensitive, key), into);
}

/** Every form a secret takes in text, longest first, as one global pattern. */
function secretPattern(secrets: ReadonlySet<string>): RegExp {
  // Values are shown as JSON literals, so a secret inside one appears JSON-escaped.
  const forms = new Set<string>();
  for (const secret of secrets) {
    // The quoted literal first (longest first below), so a whole string shows as (sensitive), unquoted.
    forms.add(displayLiteral(secret));
    forms.add(displayLiteral(secret).slice(1, -1));
    forms.add(secret);
  }
  return new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
}

/**
 * Replaces every gathered secret in the model's text (a value that is exactly one becomes sensitive),
 * and returns the same replacement for the attribute diffs, which are computed later.
 */
function redact(
  model: PlanModel,
  secrets: ReadonlySet<string>,
): ((value: ShownValue) => ShownValue) | undefined {
  if (secrets.size === 0) return undefined;
  const pattern = secretPattern(secrets);
  const literals = new Set([...secrets].map((secret) => displayLiteral(secret)));
  const text = (value: string) => value.replace(pattern, '(sensitive)');
  const value = (shownValue: ShownValue): ShownValue => {
    if (shownValue.kind !== 'known') return shownValue;
    if (literals.has(shownValue.text)) return { kind: 'sensitive' };
    pattern.lastIndex = 0;
    return pattern.test(shownValue.text) ? { kind: 'known', text: text(shownValue.text) } : shownValue;
  };
  for (const output of model.outputs) {
    output.before = value(output.before);
    output.after = value(output.after);
  }
  for (const check of model.checks) check.problems = check.problems.map(text);
  for (const diagnostic of model.diagnostics) {
    diagnostic.summary = text(diagnostic.summary);
    diagnostic.detail = text(diagnostic.detail);
  }
  return value;
}

/** The secrets of one plan, gathered as the builder reads it, then redacted from the finished model. */
export class SecretCollector {
  private readonly secrets = new Set<string>();

  /** The strings of a value under a sensitivity mask. */
  add(value: Json, sensitive: Mask): void {
    collectSecrets(value, sensitive, this.secrets);
  }

  /** Both sides of a `resource_changes` or `resource_drift` entry. */
  addChange(raw: unknown): void {
    if (!isObject(raw) || !isObject(raw.change)) return;
    this.add(raw.change.before, raw.change.before_sensitive);
    this.add(raw.change.after, raw.change.after_sensitive);
  }

  /**
   * Root variables declared sensitive: `variables` holds their values, the configuration says which
   * are sensitive.
   */
  addVariables(values: unknown, configuration: unknown): void {
    if (!isObject(values) || !isObject(configuration)) return;
    const rootModule = configuration.root_module;
    const declared = isObject(rootModule) && isObject(rootModule.variables) ? rootModule.variables : {};
    for (const [name, declaration] of Object.entries(declared)) {
      const variable = values[name];
      if (isObject(declaration) && declaration.sensitive === true && isObject(variable)) {
        this.add(variable.value, true);
      }
    }
  }

  /**
   * A replacement of every gathered secret in free text that quotes the plan (a policy's messages, which
   * may print any value of its input); undefined when the plan has none.
   */
  textRedactor(): ((text: string) => string) | undefined {
    if (this.secrets.size === 0) return undefined;
    const pattern = secretPattern(this.secrets);
    return (text) => text.replace(pattern, '(sensitive)');
  }

  /** Redacts the model (see `redact`); the replacement for values computed later, if there is a secret. */
  redact(model: PlanModel): ((value: ShownValue) => ShownValue) | undefined {
    return redact(model, this.secrets);
  }
}
