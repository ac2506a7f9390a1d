/** Completing answers from the response schema. */
import { isPlainObject, type Json } from './json.js';
import type { GitHubSpec, Schema } from './spec.js';

/**
 * GitHub's objects carry dozens of required fields nobody reads (`followers_url`, `forks_count`, ...). Handlers
 * build the fields clients use; this fills the remaining required ones with neutral values (null where nullable,
 * the first enum value, '', 0, false, []) so the answer has GitHub's full shape.
 */
export function completeFromSchema(
  spec: GitHubSpec,
  raw: Schema | undefined,
  value: unknown,
  depth = 0,
): unknown {
  const schema = spec.resolve(raw);
  if (!schema || depth > 24) return value;
  const next = (s: Schema | undefined, v: unknown): unknown => completeFromSchema(spec, s, v, depth + 1);
  if (schema.allOf) return schema.allOf.reduce<unknown>((v, part) => next(part, v), value);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives)
    return completeAlternative(
      schema,
      alternatives.map((alt) => spec.resolve(alt)),
      value,
      next,
    );
  if (value === undefined) return placeholder(schema, next);
  if (Array.isArray(value)) return value.map((item) => next(schema.items, item));
  if (isPlainObject(value) && schema.properties) return completeObject(schema, value, next);
  return value;
}

type Next = (schema: Schema | undefined, value: unknown) => unknown;

function completeAlternative(schema: Schema, alternatives: Schema[], value: unknown, next: Next): unknown {
  if (value === null) return null;
  const candidates = alternatives.filter((alt) => alt.type !== 'null');
  if (value === undefined && (schema.nullable || candidates.length < alternatives.length)) return null;
  return next(bestAlternative(candidates, value), value);
}

/** The alternative that fits the value's kind and shares the most of its keys (ties: the first). */
function bestAlternative(alternatives: Schema[], value: unknown): Schema | undefined {
  if (value === undefined) return alternatives[0];
  const kind = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  const fitting = alternatives.filter((alt) => !alt.type || sameKind(alt.type, kind));
  const score = (alt: Schema): number =>
    isPlainObject(value) ? Object.keys(value).filter((key) => alt.properties?.[key]).length : 0;
  return fitting.reduce<Schema | undefined>(
    (best, alt) => (!best || score(alt) > score(best) ? alt : best),
    undefined,
  );
}

function sameKind(type: string, kind: string): boolean {
  return type === kind || (kind === 'number' && type === 'integer');
}

function completeObject(schema: Schema, value: Json, next: Next): Json {
  const out: Json = { ...value };
  for (const [key, propSchema] of Object.entries(schema.properties ?? {})) {
    if (key in out) out[key] = next(propSchema, out[key]);
    else if (schema.required?.includes(key)) out[key] = next(propSchema, undefined);
  }
  return out;
}

function placeholder(schema: Schema, next: Next): unknown {
  if (schema.nullable) return null;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return schema.properties ? completeObject(schema, {}, next) : {};
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return FORMAT_PLACEHOLDERS[schema.format ?? ''] ?? '';
    default:
      return null;
  }
}

const FORMAT_PLACEHOLDERS: Record<string, string> = {
  uri: 'https://github.com/',
  'date-time': '1970-01-01T00:00:00Z',
  email: 'noreply@github.com',
};
