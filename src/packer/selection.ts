import { ConfigurationError } from '../core/errors.js';
import type { TemplateAnalysis, TemplateFormat } from './template.js';

/**
 * `only` and `except` checked against the builds the template has, before Packer runs: Packer itself
 * builds nothing and succeeds when `-only` names no build, so a typo would pass as a build.
 *
 * What Packer (1.6 and later) matches, as tried with the real Packer 1.6.6:
 * - HCL2: each pattern is a glob (gobwas/glob: `*`, `?`, `[a-z]`, `[!a]`, `{a,b}`, `\` escapes; `*`
 *   crosses dots) matched against the whole build name, `<build name>.<type>.<source name>` for a named
 *   build and `<type>.<source name>` otherwise. `null.a` does not select `golden.null.a`; `*.null.a` does.
 * - JSON: each pattern is a build name, exactly (the builder's `name`, else its `type`); no globs.
 * - `-except` also skips post-processors by name (their `name`, else their type), in both formats.
 */

type GlobToken = { star: true } | { star?: false; matches: (c: string) => boolean };

/** Patterns longer than this match no name a template gives (and are compared as they are). */
const MAX_GLOB = 1024;

/**
 * A gobwas/glob pattern as a test of the whole name; undefined when it is no valid glob. Matched token
 * by token with the usual back-off to the last `*`, so that no pattern can take more than
 * length × name-length steps (a regular expression of many stars could take exponential time).
 */
export function compileGlob(glob: string): ((name: string) => boolean) | undefined {
  if (glob.length > MAX_GLOB) return undefined;
  const alternatives = expandBraces(glob);
  if (!alternatives) return undefined;
  const compiled: GlobToken[][] = [];
  for (const alternative of alternatives) {
    const tokens = tokenize(alternative);
    if (!tokens) return undefined;
    compiled.push(tokens);
  }
  return (name) => compiled.some((tokens) => matchTokens(tokens, [...name]));
}

/** `{a,b}c` → [`ac`, `bc`]; undefined for unbalanced braces or more than 256 alternatives. */
function expandBraces(glob: string): string[] | undefined {
  let open = -1;
  for (let i = 0; i < glob.length; i += 1) {
    if (glob[i] === '\\') i += 1;
    else if (glob[i] === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) return undefined;
      i = end;
    } else if (glob[i] === '{') {
      open = i;
      break;
    } else if (glob[i] === '}') return undefined;
  }
  if (open < 0) return [glob];
  // The matching close brace, and the top-level commas between.
  const parts: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < glob.length; i += 1) {
    const c = glob[i];
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}' && depth > 0) depth -= 1;
    else if ((c === ',' || c === '}') && depth === 0) {
      parts.push(glob.slice(from, i));
      from = i + 1;
      if (c === '}') {
        const rest = expandBraces(glob.slice(i + 1));
        if (!rest) return undefined;
        const out: string[] = [];
        for (const part of parts) {
          const inner = expandBraces(part);
          if (!inner) return undefined;
          for (const a of inner) for (const b of rest) out.push(glob.slice(0, open) + a + b);
          if (out.length > 256) return undefined;
        }
        return out;
      }
    }
  }
  return undefined;
}

function tokenize(glob: string): GlobToken[] | undefined {
  const chars = [...glob];
  const tokens: GlobToken[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i] ?? '';
    if (c === '\\') {
      i += 1;
      if (i >= chars.length) return undefined;
      const literal = chars[i];
      tokens.push({ matches: (x) => x === literal });
    } else if (c === '*') {
      if (!tokens.at(-1)?.star) tokens.push({ star: true });
    } else if (c === '?') {
      tokens.push({ matches: () => true });
    } else if (c === '[') {
      const end = chars.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = chars.slice(i + 1, end);
      const negated = body[0] === '!';
      if (negated) body = body.slice(1);
      if (body.length === 0) return undefined;
      const ranges: Array<[string, string]> = [];
      for (let j = 0; j < body.length; j += 1) {
        const from = body[j] ?? '';
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([from, body[j + 2] ?? '']);
          j += 2;
        } else ranges.push([from, from]);
      }
      tokens.push({ matches: (x) => ranges.some(([lo, hi]) => x >= lo && x <= hi) !== negated });
      i = end;
    } else {
      tokens.push({ matches: (x) => x === c });
    }
  }
  return tokens;
}

function matchTokens(tokens: readonly GlobToken[], name: readonly string[]): boolean {
  let t = 0;
  let n = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token?.star) {
      starAt = t;
      resumeAt = n;
      t += 1;
    } else if (token && token.matches(name[n] ?? '')) {
      t += 1;
      n += 1;
    } else if (starAt >= 0) {
      t = starAt + 1;
      resumeAt += 1;
      n = resumeAt;
    } else {
      return false;
    }
  }
  while (tokens[t]?.star) t += 1;
  return t === tokens.length;
}

function matcher(format: TemplateFormat, pattern: string): (name: string) => boolean {
  if (format === 'json') return (name) => name === pattern;
  return compileGlob(pattern) ?? ((name) => name === pattern);
}

/** The names of a list, as the error shows them: quoted, the first 20, and how many more. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => `"${name.length > 60 ? `${name.slice(0, 57)}...` : name}"`);
  return names.length > 20 ? `${shown.join(', ')} and ${names.length - 20} more` : shown.join(', ');
}

function shown(pattern: string): string {
  return pattern.length > 60 ? `"${pattern.slice(0, 57)}..."` : `"${pattern}"`;
}

/**
 * Throws a ConfigurationError naming the input when a pattern of `only` matches no build, a pattern of
 * `except` matches no build and no post-processor, or the two together leave no build to run. A
 * template whose build names are expressions (known only to Packer) is not checked.
 */
export function assertSelectionMatches(
  selection: { only: readonly string[]; except: readonly string[] },
  analysis: Pick<TemplateAnalysis, 'parsed' | 'builds' | 'postProcessors' | 'buildNamesKnown'>,
  format: TemplateFormat,
): void {
  if (!analysis.parsed || !analysis.buildNamesKnown) return;
  const { builds, postProcessors } = analysis;
  const has =
    builds.length === 0
      ? 'the template has no build'
      : `the template's builds are ${listed(builds)}` +
        (format === 'hcl2' ? ' (a pattern matches the whole name, and may use * and ?)' : '');
  for (const pattern of selection.only) {
    if (!builds.some(matcher(format, pattern))) {
      throw new ConfigurationError(`Input "only" names ${shown(pattern)}, which matches no build: ${has}.`);
    }
  }
  for (const pattern of selection.except) {
    const matches = matcher(format, pattern);
    if (!builds.some(matches) && !postProcessors.some(matches)) {
      const skippable =
        postProcessors.length > 0 ? `; its post-processors are ${listed([...new Set(postProcessors)])}` : '';
      throw new ConfigurationError(
        `Input "except" names ${shown(pattern)}, which matches no build and no post-processor: ${has}${skippable}.`,
      );
    }
  }
  const selected = builds.filter(
    (name) =>
      (selection.only.length === 0 || selection.only.some((p) => matcher(format, p)(name))) &&
      !selection.except.some((p) => matcher(format, p)(name)),
  );
  if (
    selected.length === 0 &&
    builds.length > 0 &&
    (selection.only.length > 0 || selection.except.length > 0)
  ) {
    const input = selection.except.length > 0 ? 'except' : 'only';
    throw new ConfigurationError(
      `Input "${input}" leaves no build to run${selection.only.length > 0 && selection.except.length > 0 ? ' with only' : ''}: ${has}.`,
    );
  }
}
