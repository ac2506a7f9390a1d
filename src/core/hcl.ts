/**
 * HCL's own Go parser (hcl2-parser: hashicorp/hcl through tmccombs/hcl2json, compiled to JavaScript),
 * loaded on first use, as only the steps that read a configuration need it. Loading it sets
 * Error.stackTraceLimit to Infinity for the whole process (GopherJS does), so the limit is put back.
 */

interface HclParser {
  /** `[body, null]`, or `[null, error]` for text that is not HCL. */
  parseToObject(text: string): [unknown, unknown];
}

let hclParser: Promise<HclParser> | undefined;

function loadHclParser(): Promise<HclParser> {
  hclParser ??= (async () => {
    const limit = Error.stackTraceLimit;
    try {
      // A CommonJS module whose exports Node cannot list statically: they are all on `default`.
      const module = (await import('hcl2-parser')) as { default?: HclParser } & Partial<HclParser>;
      return module.default ?? (module as HclParser);
    } finally {
      Error.stackTraceLimit = limit;
    }
  })();
  return hclParser;
}

/** An HCL file's body as hcl2json writes it; throws when the text is not HCL (the tool will say where). */
export async function parseHcl(text: string): Promise<unknown> {
  const [body, error] = (await loadHclParser()).parseToObject(text);
  // The error object comes back empty; the tool's own validate says what is wrong, with the line.
  if (error !== null && error !== undefined) throw new Error('it is not valid HCL');
  return body;
}

export type HclBody = Record<string, unknown>;

/** Blocks come as an array of bodies (hcl2json) or one body (HCL's JSON syntax): always a list. */
export function hclBodies(value: unknown): HclBody[] {
  if (Array.isArray(value)) return value.filter(isHclBody);
  return isHclBody(value) ? [value] : [];
}

export function isHclBody(value: unknown): value is HclBody {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `${list(string)}` (how hcl2json writes a bare expression) → `list(string)`; HCL's JSON syntax gives it bare. */
export function bareExpression(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([\s\S]*)\}$/.exec(value);
  return (match ? (match[1] ?? '') : value).trim();
}
