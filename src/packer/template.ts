import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { HashedFile } from '../contracts/build-metadata.js';
import { sha256File } from '../contracts/digest.js';
import { ConfigurationError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { bareExpression, hclBodies as bodies, isHclBody as isBody, parseHcl } from '../core/hcl.js';

/**
 * A Packer template as Packer reads it: a JSON template (one file), or an HCL2 template (one
 * `.pkr.hcl`/`.pkr.json` file, or a directory of them with its `*.auto.pkrvars.*` files). What it
 * declares is read from the files themselves (HCL through HashiCorp's own parser, compiled to
 * WebAssembly), so that the action knows before running Packer which variables exist, whether
 * plugins must be installed, and where the manifest post-processor writes.
 */

export type TemplateFormat = 'hcl2' | 'json';

export interface Template {
  /** The template input (absolute): a file or a directory. */
  path: string;
  isDirectory: boolean;
  format: TemplateFormat;
  /** Every file Packer reads for this template (absolute, sorted): configuration and auto var files. */
  files: string[];
  /** The configuration files among them (not the auto var files). */
  configFiles: string[];
}

const HCL_CONFIG = /\.pkr\.(?:hcl|json)$/;
const AUTO_VAR_FILE = /\.auto\.pkrvars\.(?:hcl|json)$/;

/** The template at `path` (an existing file or directory, absolute). */
export async function discoverTemplate(path: string): Promise<Template> {
  const isDirectory = (await stat(path)).isDirectory();
  if (!isDirectory) {
    // Packer reads any file not named *.pkr.hcl or *.pkr.json as a JSON template.
    const format: TemplateFormat = HCL_CONFIG.test(path) ? 'hcl2' : 'json';
    return { path, isDirectory, format, files: [path], configFiles: [path] };
  }
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  const configFiles = names.filter((name) => HCL_CONFIG.test(name)).map((name) => join(path, name));
  if (configFiles.length === 0) {
    throw new ConfigurationError(
      `Input "template" names the directory ${basename(path)}, which holds no Packer template: ` +
        'a directory template is a set of *.pkr.hcl or *.pkr.json files (name a JSON template by its file).',
    );
  }
  const autoVarFiles = names.filter((name) => AUTO_VAR_FILE.test(name)).map((name) => join(path, name));
  return {
    path,
    isDirectory,
    format: 'hcl2',
    files: [...configFiles, ...autoVarFiles].sort(),
    configFiles,
  };
}

/** A name for the template, for the default image name: `golden` for golden.pkr.hcl or images/golden/. */
export function templateBaseName(template: Template): string {
  return basename(template.path).replace(/(?:\.pkr\.hcl|\.pkr\.json|\.json)$/, '');
}

export interface TemplateHash {
  /** `sha256:<hex>`, see templateHash below. */
  hash: string;
  templateFiles: HashedFile[];
  varFiles: HashedFile[];
}

/** Names this construction; a different one would take another label. */
export const TEMPLATE_HASH_LABEL = 'iac/template-hash@1';

/**
 * The template hash, which decides whether an image must be built again:
 *
 *   "sha256:" + hex SHA-256 of JSON.stringify({ label, template: [[path, sha256], ...], varFiles: [[path, sha256], ...] })
 *
 * with each path relative to the workspace (POSIX), so the hash is the same in every job and on every
 * runner. Template files are sorted by path (Packer reads a directory in any order); var files keep the
 * order they were given in, since a later one overrides an earlier one.
 */
export async function hashTemplate(
  template: Template,
  varFiles: readonly string[],
  workspace: string,
): Promise<TemplateHash> {
  const hashed = (path: string) =>
    sha256File(path).then((sha256) => ({ path: workspacePath(workspace, path), sha256 }));
  const templateFiles = (await Promise.all(template.files.map(hashed))).sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const hashedVarFiles = await Promise.all(varFiles.map(hashed));
  const document = JSON.stringify({
    label: TEMPLATE_HASH_LABEL,
    template: templateFiles.map((file) => [file.path, file.sha256]),
    varFiles: hashedVarFiles.map((file) => [file.path, file.sha256]),
  });
  return {
    hash: `sha256:${createHash('sha256').update(document).digest('hex')}`,
    templateFiles,
    varFiles: hashedVarFiles,
  };
}

/** A path relative to the workspace, POSIX, '.' for the workspace itself. */
export function workspacePath(workspace: string, path: string): string {
  const rel = relative(workspace, path);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

// ---- what the template declares ----------------------------------------------------------------

export interface VariableDeclaration {
  name: string;
  /** The type constraint as written (`string`, `list(string)`), when there is one. */
  type?: string;
}

/** A manifest post-processor: where it writes, when that can be known before the build. */
export interface ManifestOutput {
  /** The output as written in the template. */
  expression: string;
  /** The absolute path it resolves to; absent when it depends on variables or functions. */
  path?: string;
}

export interface TemplateAnalysis {
  /** False when a file could not be parsed: Packer's validate will say why, with the file and line. */
  parsed: boolean;
  variables: Map<string, VariableDeclaration>;
  /** The names under `packer { required_plugins { ... } }`. */
  requiredPlugins: string[];
  manifests: ManifestOutput[];
  /**
   * The names `-only` and `-except` match, in template order: `<build name>.<type>.<source name>`, or
   * `<type>.<source name>` for a build without a name (HCL2); the builder's name, else its type (JSON).
   */
  builds: string[];
  /** The post-processors' names (their `name`, else their type): `-except` skips those too. */
  postProcessors: string[];
  /** False when a build's name is an expression, known only to Packer: then `builds` is incomplete. */
  buildNamesKnown: boolean;
}

type Body = Record<string, unknown>;

/** Reads what the template declares; `cwd` is where Packer will run (relative outputs are relative to it). */
export async function analyseTemplate(
  template: Template,
  cwd: string,
  logger: Logger,
): Promise<TemplateAnalysis> {
  const analysis: TemplateAnalysis = {
    parsed: true,
    variables: new Map(),
    requiredPlugins: [],
    manifests: [],
    builds: [],
    postProcessors: [],
    buildNamesKnown: true,
  };
  // path.root: the directory Packer was given, or the file's directory.
  const root = template.isDirectory ? template.path : dirname(template.path);
  for (const file of template.configFiles) {
    let body: Body;
    try {
      body = await parseFile(file, template.format);
    } catch (error) {
      logger.debug(`could not read ${basename(file)} ahead of Packer: ${errorMessage(error)}`);
      analysis.parsed = false;
      continue;
    }
    if (template.format === 'json') collectJson(body, analysis, cwd);
    else collectHcl(body, analysis, { root, cwd });
  }
  return analysis;
}

async function parseFile(file: string, format: TemplateFormat): Promise<Body> {
  const text = await readFile(file, 'utf8');
  if (format === 'json' || file.endsWith('.json')) return asBody(JSON.parse(text));
  return asBody(await parseHcl(text));
}

function asBody(value: unknown): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('the template is not an object');
  }
  return value as Body;
}

function collectHcl(body: Body, analysis: TemplateAnalysis, where: { root: string; cwd: string }): void {
  for (const variables of bodies(body.variable)) {
    for (const [name, declaration] of Object.entries(variables)) {
      const type = bareExpression(bodies(declaration)[0]?.type);
      analysis.variables.set(name, { name, ...(type ? { type } : {}) });
    }
  }
  // The older `variables { name = default }` block: untyped, so strings on the command line.
  for (const variables of bodies(body.variables)) {
    for (const name of Object.keys(variables)) analysis.variables.set(name, { name });
  }
  for (const packer of bodies(body.packer)) {
    for (const plugins of bodies(packer.required_plugins)) {
      analysis.requiredPlugins.push(...Object.keys(plugins));
    }
  }
  for (const build of bodies(body.build)) {
    collectHclBuilds(build, analysis);
    const postProcessors = [
      ...bodies(build['post-processor']),
      ...bodies(build['post-processors']).flatMap((chain) => bodies(chain['post-processor'])),
    ];
    for (const byType of postProcessors) {
      for (const manifest of bodies(byType.manifest)) {
        analysis.manifests.push(hclManifestOutput(manifest.output, where));
      }
      for (const [type, definitions] of Object.entries(byType)) {
        for (const definition of bodies(definitions)) {
          const name = literalName(definition.name);
          if (name === null) analysis.buildNamesKnown = false;
          else analysis.postProcessors.push(name ?? type);
        }
      }
    }
  }
}

/** A name as written: undefined when absent, null when it is an expression only Packer can evaluate. */
function literalName(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'string' && !/[$%]\{/.test(value) ? value : null;
}

/**
 * A build's names as Packer 1.6+ gives them: each source it uses (`sources = ["source.null.a"]`, or a
 * `source "source.null.a" { name = "renamed" }` block) is `<type>.<name>`, prefixed by the build's name.
 */
function collectHclBuilds(build: Body, analysis: TemplateAnalysis): void {
  const buildName = literalName(build.name);
  if (buildName === null) analysis.buildNamesKnown = false;
  const prefix = buildName ? `${buildName}.` : '';
  const add = (reference: unknown, rename?: unknown) => {
    const match = typeof reference === 'string' ? /^source\.([^.]+)\.([^.]+)$/.exec(reference) : null;
    const name = literalName(rename);
    if (!match || name === null) {
      analysis.buildNamesKnown = false;
      return;
    }
    analysis.builds.push(`${prefix}${match[1]}.${name ?? match[2]}`);
  };
  for (const reference of Array.isArray(build.sources) ? build.sources : []) add(reference);
  for (const sources of bodies(build.source)) {
    for (const [reference, definitions] of Object.entries(sources)) {
      const blocks = bodies(definitions);
      for (const definition of blocks.length > 0 ? blocks : [{}]) add(reference, definition.name);
    }
  }
}

const DEFAULT_MANIFEST = 'packer-manifest.json';

function hclManifestOutput(output: unknown, where: { root: string; cwd: string }): ManifestOutput {
  if (output === undefined)
    return { expression: DEFAULT_MANIFEST, path: resolve(where.cwd, DEFAULT_MANIFEST) };
  if (typeof output !== 'string') return { expression: String(output) };
  const substituted = output
    .replaceAll('${path.root}', where.root.split(sep).join('/'))
    .replaceAll('${path.cwd}', where.cwd.split(sep).join('/'));
  if (/[$%]\{/.test(substituted)) return { expression: output };
  return { expression: output, path: resolve(where.cwd, substituted) };
}

function collectJson(body: Body, analysis: TemplateAnalysis, cwd: string): void {
  if (isBody(body.variables)) {
    for (const name of Object.keys(body.variables)) analysis.variables.set(name, { name });
  }
  // A JSON build is named by its builder: `name`, else `type`. A `{{ }}` in it is resolved by Packer.
  for (const builder of Array.isArray(body.builders) ? body.builders : []) {
    const name = isBody(builder) ? (builder.name ?? builder.type) : undefined;
    if (typeof name === 'string' && !name.includes('{{')) analysis.builds.push(name);
    else analysis.buildNamesKnown = false;
  }
  const postProcessors = Array.isArray(body['post-processors']) ? body['post-processors'] : [];
  // Each entry is a type name, a definition, or a sequence of them.
  for (const entry of postProcessors.flatMap((item: unknown) => (Array.isArray(item) ? item : [item]))) {
    const definition: Body | undefined =
      typeof entry === 'string' ? { type: entry } : isBody(entry) ? entry : undefined;
    const ppName = definition?.name ?? definition?.type;
    if (typeof ppName === 'string') analysis.postProcessors.push(ppName);
    if (definition?.type !== 'manifest') continue;
    const output = definition.output ?? DEFAULT_MANIFEST;
    if (typeof output !== 'string' || output.includes('{{')) {
      analysis.manifests.push({ expression: String(output) });
    } else {
      analysis.manifests.push({ expression: output, path: resolve(cwd, output) });
    }
  }
}
