import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import type { TemplateFormat, VariableDeclaration } from './template.js';

/**
 * Variables from the `vars` input (and the image name) reach Packer in a var file of mode 0600 in
 * RUNNER_TEMP, passed after the user's var files: values may be secrets, which must not appear on a
 * command line, and a var file given last overrides the earlier ones as `-var` would. (PKR_VAR_*
 * would keep them off the command line too, but every var file would then override them, and JSON
 * templates do not read it.)
 */

/**
 * One value as HCL: a string variable (or one without a type, which `-var` treats as a string) gets a
 * quoted string with HCL's escapes, so that `${` in a password stays text; any other type gets the value
 * as written, an HCL expression, as `-var` parses it.
 */
export function hclValue(value: string, type: string | undefined): string {
  if (type !== undefined && type !== 'string' && type !== 'any') return value;
  let quoted = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') quoted += '\\"';
    else if (char === '\\') quoted += '\\\\';
    else if (char === '\n') quoted += '\\n';
    else if (char === '\r') quoted += '\\r';
    else if (char === '\t') quoted += '\\t';
    else if (code < 0x20 || code === 0x7f) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += char;
  }
  // Template sequences: `${` and `%{` are escaped by doubling their first character.
  // (A function as the replacement: in a replacement string, `$$` means one `$`.)
  return `"${quoted.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')}"`;
}

/** The text of a var file setting `values`, in the template's format. */
export function variablesFileText(
  format: TemplateFormat,
  values: ReadonlyArray<readonly [string, string]>,
  declared: ReadonlyMap<string, VariableDeclaration>,
): string {
  if (format === 'json') return `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`;
  return values.map(([name, value]) => `${name} = ${hclValue(value, declared.get(name)?.type)}\n`).join('');
}

/** Throws the ConfigurationError for names in `vars` that the template does not declare (never their values). */
export function assertDeclared(
  names: readonly string[],
  declared: ReadonlyMap<string, VariableDeclaration>,
): void {
  const undeclared = names.filter((name) => !declared.has(name));
  if (undeclared.length === 0) return;
  throw new ConfigurationError(
    `Input "vars" sets ${undeclared.map((name) => `"${name}"`).join(', ')}, which the template does not declare: ` +
      'declare it in the template (a variable block, or "variables" in a JSON template) or remove it from vars.',
  );
}

export interface VariablesFile {
  path: string;
  /** Removes the file and its directory; safe to call twice. */
  remove(): Promise<void>;
}

/** Writes the var file in a directory of its own under `parent` (RUNNER_TEMP), readable by this user only. */
export async function writeVariablesFile(
  parent: string,
  format: TemplateFormat,
  values: ReadonlyArray<readonly [string, string]>,
  declared: ReadonlyMap<string, VariableDeclaration>,
): Promise<VariablesFile> {
  const dir = await mkdtemp(join(parent, 'iac-packer-vars-'));
  await chmod(dir, 0o700);
  // Packer tells the two formats apart by the extension.
  const path = join(dir, format === 'json' ? 'variables.json' : 'variables.pkrvars.hcl');
  await writeFile(path, variablesFileText(format, values, declared), { mode: 0o600 });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
