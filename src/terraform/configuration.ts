import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { bareExpression, hclBodies, parseHcl } from '../core/hcl.js';

/**
 * What a configuration declares, read from its files with HCL's own parser, without the tool: which
 * outputs a stack offers and which variables take a secret. Read before anything runs, so that a stack
 * input naming an output nobody declares is refused at once, and a secret never reaches a variable the
 * tool would print.
 */
export interface Declaration {
  sensitive: boolean;
  /** A variable's type constraint as written (`list(string)`); absent when it has none. */
  type?: string;
}

export interface Declarations {
  outputs: Map<string, Declaration>;
  variables: Map<string, Declaration>;
}

/** The root module's declarations: every `*.tf` and `*.tf.json` file of the directory (not its modules). */
export async function readDeclarations(directory: string, shown = directory): Promise<Declarations> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    throw new ConfigurationError(`The configuration directory ${shown} does not exist in this checkout.`);
  }
  const declarations: Declarations = { outputs: new Map(), variables: new Map() };
  for (const name of names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort()) {
    const text = await readFile(join(directory, name), 'utf8');
    let body: unknown;
    try {
      body = name.endsWith('.json') ? JSON.parse(text) : await parseHcl(text);
    } catch {
      // Not this reader's to report: the tool says what is wrong with the file, and where.
      continue;
    }
    for (const body0 of hclBodies(body)) {
      collect(body0.output, declarations.outputs);
      collect(body0.variable, declarations.variables);
    }
  }
  return declarations;
}

function collect(blocks: unknown, into: Map<string, Declaration>): void {
  for (const byName of hclBodies(blocks)) {
    for (const [name, declaration] of Object.entries(byName)) {
      const bodies = hclBodies(declaration);
      const known = into.get(name);
      // An override file may set sensitive or the type on a block declared elsewhere: the later wins.
      const sensitive = bodies.some((d) => d.sensitive === true) || (known?.sensitive ?? false);
      const type = bodies.map((d) => bareExpression(d.type)).find((t) => t !== undefined) ?? known?.type;
      into.set(name, { sensitive, ...(type !== undefined ? { type } : {}) });
    }
  }
}
