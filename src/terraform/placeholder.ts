/**
 * The value a provisional plan gives a variable whose upstream was never applied: the shape its type
 * constraint asks for, with the sentence "(known after network is applied)" wherever a string goes, so
 * that the plan shows where the value will be. No such plan is ever approved or applied.
 *
 * The type constraint is read from the declaration's source text (`object({ range = string })`): HCL's
 * type expressions are a small closed grammar (primitives, list/set/map/tuple/object, optional, any).
 * One that is not understood gets the string, and the tool's own error then names the variable.
 */
export function placeholderFor(type: string | undefined, text: string): unknown {
  if (type === undefined) return text;
  try {
    const parser = new TypeParser(type);
    const value = parser.value(text);
    parser.end();
    return value;
  } catch {
    return text;
  }
}

class TypeParser {
  private at = 0;

  constructor(private readonly source: string) {}

  value(text: string): unknown {
    const name = this.word();
    switch (name) {
      case 'string':
      case 'any':
        return text;
      case 'number':
        return 0;
      case 'bool':
        return false;
      case 'list':
      case 'set':
      case 'map': {
        this.expect('(');
        this.value(text);
        this.expect(')');
        return name === 'map' ? {} : [];
      }
      case 'tuple': {
        this.expect('(');
        this.expect('[');
        const items: unknown[] = [];
        while (!this.peek(']')) {
          items.push(this.value(text));
          if (!this.peek(']')) this.expect(',');
        }
        this.expect(']');
        this.expect(')');
        return items;
      }
      case 'object': {
        this.expect('(');
        this.expect('{');
        const attributes: Record<string, unknown> = {};
        while (!this.peek('}')) {
          const key = this.word();
          if (!this.peek('=') && !this.peek(':')) throw new Error('expected = in object type');
          this.at++;
          const optional = this.isOptional();
          const value = this.value(text);
          if (optional) this.skipOptionalDefault();
          // An optional attribute may be left out: leaving it out is the smallest honest placeholder.
          if (!optional) attributes[key] = value;
          if (this.peek(',')) this.at++;
        }
        this.expect('}');
        this.expect(')');
        return attributes;
      }
      default:
        throw new Error(`unknown type ${name}`);
    }
  }

  end(): void {
    this.skipSpace();
    if (this.at !== this.source.length) throw new Error('trailing text');
  }

  /** `optional(` before an attribute's type: consumed, and its closing parenthesis by skipOptionalDefault. */
  private isOptional(): boolean {
    this.skipSpace();
    if (!this.source.startsWith('optional', this.at)) return false;
    const after = this.at + 'optional'.length;
    if (!/^\s*\(/.test(this.source.slice(after))) return false;
    this.at = after;
    this.expect('(');
    return true;
  }

  /** Skips `, <default>)` of optional(type, default), the default being any balanced expression. */
  private skipOptionalDefault(): void {
    let depth = 0;
    for (; this.at < this.source.length; this.at++) {
      const c = this.source[this.at];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === '"') {
        this.at = this.source.indexOf('"', this.at + 1);
        if (this.at < 0) throw new Error('unterminated string');
      }
    }
    this.expect(')');
  }

  private word(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.source.slice(this.at));
    if (!match) throw new Error('expected a name');
    this.at += match[0].length;
    return match[0];
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.source.startsWith(token, this.at);
  }

  private expect(token: string): void {
    if (!this.peek(token)) throw new Error(`expected ${token}`);
    this.at += token.length;
  }

  private skipSpace(): void {
    while (this.at < this.source.length && /[\s]/.test(this.source[this.at] ?? '')) this.at++;
  }
}
