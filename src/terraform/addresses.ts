/**
 * OpenTofu's resource addresses, as `-target` and `-replace` take them, checked before the tool runs so
 * that a mistake is one error naming the input and the line instead of the tool's diagnostics.
 *
 * The grammar (https://opentofu.org/docs/cli/state/resource-addressing, and ParseTarget in OpenTofu's
 * internal/addrs/parse_target.go):
 *
 *     address  := module* resource | module+        (a module alone only where a target is asked for)
 *     module   := "module" "." NAME index? "."      (the final "." only when something follows)
 *     resource := ("data" ".")? TYPE "." NAME index?
 *     index    := "[" digits "]" | "[" "quoted string" "]"
 *
 * NAME and TYPE are HCL identifiers: a letter or "_", then letters, digits, "_" and "-". As in HCL,
 * spaces and tabs may stand between the parts. Tested against the real tofu 1.12 (which also refuses
 * the legacy `aws_instance.web.0` index): what this accepts, tofu accepts, and the other way round.
 */

export interface ModuleStep {
  name: string;
  key?: number | string;
}

export interface ResourceAddress {
  modules: ModuleStep[];
  /** Absent for an address of a module as a whole (`module.app`, `module.app[0]`). */
  resource?: { mode: 'managed' | 'data'; type: string; name: string; key?: number | string };
}

const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const NUMBER_KEY = /\[[ \t]*(\d+)[ \t]*\]/y;
// An HCL quoted string without template sequences: `${` and `%{` only escaped as `$${` and `%%{`.
const STRING_KEY =
  /\[[ \t]*"((?:\$\$\{|%%\{|\\(?:[\\"nrt]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|\$(?!\{)|%(?!\{)|[^"\\$%\p{Cc}])*)"[ \t]*\]/uy;

class Cursor {
  position = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    this.space();
    return this.position === this.text.length;
  }

  /** HCL skips blanks between a traversal's tokens: `aws_instance . web [ 0 ]` is an address to tofu. */
  space(): void {
    while (this.text[this.position] === ' ' || this.text[this.position] === '\t') this.position += 1;
  }

  match(pattern: RegExp): RegExpExecArray | undefined {
    this.space();
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.position += found[0].length;
    return found;
  }

  identifier(): string | undefined {
    return this.match(IDENTIFIER)?.[0];
  }

  dot(): boolean {
    this.space();
    if (this.text[this.position] !== '.') return false;
    this.position += 1;
    return true;
  }

  /** An optional `[0]` or `["key"]`; `null` when a `[` starts something that is not a key. */
  key(): number | string | undefined | null {
    this.space();
    if (this.text[this.position] !== '[') return undefined;
    const number = this.match(NUMBER_KEY);
    if (number) return Number(number[1]);
    const string = this.match(STRING_KEY);
    if (string) return unescape(string[1] ?? '');
    return null;
  }
}

function unescape(body: string): string {
  return body.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\$\$\{|%%\{/gu, (all, escape?: string) => {
    if (escape === undefined) return all.slice(1);
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
  });
}

/** The address `text` spells, or undefined when it is not one. Blanks may stand between the parts. */
export function parseResourceAddress(text: string): ResourceAddress | undefined {
  const cursor = new Cursor(text);
  const modules: ModuleStep[] = [];
  for (;;) {
    const first = cursor.identifier();
    if (first === undefined) return undefined;
    if (first === 'module') {
      if (!cursor.dot()) return undefined;
      const name = cursor.identifier();
      if (name === undefined) return undefined;
      const key = cursor.key();
      if (key === null) return undefined;
      modules.push(key === undefined ? { name } : { name, key });
      if (cursor.done) return { modules };
      if (!cursor.dot()) return undefined;
      continue;
    }
    const mode = first === 'data' ? 'data' : 'managed';
    if (mode === 'data' && !cursor.dot()) return undefined;
    const type = mode === 'data' ? cursor.identifier() : first;
    if (type === undefined || !cursor.dot()) return undefined;
    const name = cursor.identifier();
    if (name === undefined) return undefined;
    const key = cursor.key();
    if (key === null || !cursor.done) return undefined;
    return { modules, resource: key === undefined ? { mode, type, name } : { mode, type, name, key } };
  }
}

/** What `-target` takes: a resource, a resource instance, or a module (instance) as a whole. */
export function isTargetAddress(text: string): boolean {
  return parseResourceAddress(text) !== undefined;
}

/** What `-replace` takes: one managed resource instance (a data source is read, never replaced). */
export function isReplaceAddress(text: string): boolean {
  return parseResourceAddress(text)?.resource?.mode === 'managed';
}

const EXAMPLES = 'aws_instance.web or module.app.aws_instance.web["a"]';

/** A line as an error may show it: control characters made visible, at most 60 characters. */
export function describeLine(line: string): string {
  const visible = line.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > 60 ? `"${visible.slice(0, 57)}..."` : `"${visible}"`;
}

/**
 * The first line of `targets` or `replace` that is not an address of the kind the input takes, as the
 * input layer's rules report it (`{ input, message }`), or undefined when every line is one.
 */
export function addressListProblem(
  input: 'targets' | 'replace',
  lines: readonly string[],
): { input: 'targets' | 'replace'; message: string } | undefined {
  const valid = input === 'targets' ? isTargetAddress : isReplaceAddress;
  const index = lines.findIndex((line) => !valid(line));
  if (index < 0) return undefined;
  const line = lines[index] ?? '';
  const expected =
    input === 'targets'
      ? `a resource address such as ${EXAMPLES}, or a module such as module.app`
      : `a resource instance address such as ${EXAMPLES}` +
        (parseResourceAddress(line) ? ' (a module or a data source cannot be replaced)' : '');
  return { input, message: `line ${index + 1} must be ${expected}; got ${describeLine(line)}` };
}
