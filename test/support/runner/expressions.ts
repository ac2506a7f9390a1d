import { data, Evaluator, Lexer, Parser } from '@actions/expressions';

/**
 * GitHub Actions expressions, evaluated by GitHub's own library (@actions/expressions, the one the
 * language services use): `${{ }}` templates in values, bare expressions in `if:`, and the status
 * functions, which the library leaves to the runner.
 */

export type Contexts = Record<string, unknown>;

/**
 * How the jobs or steps before this point went, as success() and failure() answer. For a job they differ:
 * a skipped need makes success() false without making failure() true.
 */
export interface Status {
  success: boolean;
  failure: boolean;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'] as const;

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer)) as unknown;
}

function evaluate(expression: string, contexts: Contexts, status: Status): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const functions = STATUS_FUNCTIONS.map((name) => ({ name, description: name, minArgs: 0, maxArgs: 0 }));
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), functions).parse();
  const answers: Record<(typeof STATUS_FUNCTIONS)[number], boolean> = {
    success: status.success,
    failure: status.failure,
    always: true,
    // Nothing is ever cancelled here.
    cancelled: false,
  };
  const implementations = new Map(
    functions.map((info) => [
      info.name,
      { ...info, call: () => new data.BooleanData(answers[info.name as keyof typeof answers]) },
    ]),
  );
  const dictionary = new data.Dictionary(
    ...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })),
  );
  return new Evaluator(parsed, dictionary, implementations).evaluate();
}

const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;

/**
 * A value with `${{ }}` templates. A value that is exactly one template keeps the expression's type (a
 * matrix `include` list, a number input); anything else is a string with each template's string form.
 */
export function interpolate(
  value: unknown,
  contexts: Contexts,
  status: Status = { success: true, failure: false },
): unknown {
  if (typeof value !== 'string') return value;
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole && !whole[1]?.includes('}}')) return fromData(evaluate(whole[1] ?? '', contexts, status));
  return value.replace(TEMPLATE, (_, expression: string) =>
    evaluate(expression, contexts, status).coerceString(),
  );
}

/** A value as an action input receives it: a string, whatever the expression's type. */
export function interpolateString(value: unknown, contexts: Contexts): string {
  const result = interpolate(value, contexts);
  if (result === null || result === undefined) return '';
  if (typeof result === 'object') return JSON.stringify(result);
  return String(result);
}

/**
 * An `if:`: a bare expression or one template. Without a status function it means `success() && (…)`,
 * as on GitHub; an absent `if:` means `success()`.
 */
export function condition(value: unknown, contexts: Contexts, status: Status): boolean {
  if (value === undefined || value === null) return status.success;
  if (typeof value === 'boolean') return value && status.success;
  const text = String(value).trim();
  const expression = /^\$\{\{([\s\S]*)\}\}$/.exec(text)?.[1] ?? text;
  const hasStatus = /\b(success|failure|always|cancelled)\s*\(/.test(expression);
  const full = hasStatus ? expression : `success() && (${expression})`;
  // GitHub's truthiness is JavaScript's for JSON values: null, false, 0, NaN and '' are false.
  return Boolean(fromData(evaluate(full, contexts, status)));
}
