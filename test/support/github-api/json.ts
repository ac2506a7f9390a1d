/** JSON as the description and the handlers see it: plain objects with unknown values. */
export type Json = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
