import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { planDigest, sha256File, shortDigest } from './digest.js';
import {
  LOCK_FILE,
  MANIFEST_FILE,
  PLAN_FILE,
  PLAN_SCHEMA,
  isSafeFileName,
  readPlanManifest,
  toolMajor,
  validatePlanManifest,
  type PlanManifest,
  type ToolName,
} from './manifest.js';

/**
 * A plan bundle is a flat directory: the files tf-plan bundles (tfplan, plan.json,
 * .terraform.lock.hcl) and manifest.json, which records the sha256 of each and the plan digest.
 * tf-plan writes it; tf-apply verifies every byte of it before it applies anything.
 */

/** What tf-plan knows; the bundle adds the schema, the files' sha256 and the plan digest. */
export type PlanBundleInput = Omit<PlanManifest, 'schema' | 'files' | 'planDigest' | 'createdAt'> & {
  /** Bundled file name → the file to copy: `tfplan` and `plan.json` at least, `.terraform.lock.hcl` when present. */
  files: Record<string, string>;
  /** Default: now. */
  createdAt?: string;
};

/** Copies the files into `dir` (created; must be empty), writes manifest.json and returns it. */
export async function writePlanBundle(dir: string, input: PlanBundleInput): Promise<PlanManifest> {
  await mkdir(dir, { recursive: true });
  const existing = await readdir(dir);
  if (existing.length > 0) throw new Error(`the plan bundle directory ${dir} is not empty`);

  const files: Record<string, string> = {};
  for (const [name, source] of Object.entries(input.files)) {
    if (!isSafeFileName(name) || name === MANIFEST_FILE) {
      throw new Error(`cannot bundle a file named ${JSON.stringify(name)}`);
    }
    await copyFile(source, join(dir, name));
    files[name] = await sha256File(join(dir, name));
  }
  if (!(PLAN_FILE in files)) throw new Error(`a plan bundle needs ${PLAN_FILE}`);

  const { files: _sources, createdAt, ...fields } = input;
  const manifest = validatePlanManifest({
    schema: PLAN_SCHEMA,
    ...fields,
    createdAt: createdAt ?? new Date().toISOString(),
    files,
    planDigest: await digestOf(dir, { ...fields, files }),
  });
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Recomputes the plan digest from the bundled planfile and lock file and the manifest's fields. */
async function digestOf(
  dir: string,
  manifest: Pick<
    PlanManifest,
    | 'stack'
    | 'workingDirectory'
    | 'workspace'
    | 'tool'
    | 'files'
    | 'backend'
    | 'source'
    | 'inputs'
    | 'provisional'
    | 'destroy'
    | 'policy'
  >,
): Promise<string> {
  return planDigest({
    planfile: await readFile(join(dir, PLAN_FILE)),
    lockFile: LOCK_FILE in manifest.files ? await readFile(join(dir, LOCK_FILE)) : undefined,
    stack: manifest.stack,
    workingDirectory: manifest.workingDirectory,
    workspace: manifest.workspace,
    toolName: manifest.tool.name,
    toolMajor: toolMajor(manifest.tool.version),
    backend: manifest.backend,
    source: manifest.source,
    inputs: manifest.inputs,
    provisional: manifest.provisional,
    destroy: manifest.destroy,
    policy: manifest.policy,
  });
}

// ---- verification ------------------------------------------------------------------------------

/** What the applying job is about to do; the bundle must have been made for exactly that. */
export interface PlanExpectations {
  stack: string;
  /** POSIX, relative to the workspace, '.' for the workspace itself (see toWorkspacePath). */
  workingDirectory: string;
  workspace: string;
  /** The commit this job runs at (GITHUB_SHA). */
  commit: string;
  requireSameCommit: boolean;
  /** The tool this job will apply with. */
  tool: { name: ToolName; version: string };
  /** The approved digest (`expected-plan-digest`), when there is one. */
  expectedDigest?: string | undefined;
  /** The reading action, as named in messages. Default `tf-apply`. */
  reader?: string;
}

interface BundleContents {
  manifest: PlanManifest;
  /** Regular files in the directory, beside manifest.json. */
  files: Set<string>;
  /** Anything else in the directory: directories, links. */
  others: string[];
  /** The sha256 of every listed file that is present. */
  sha256: Record<string, string>;
  /** The plan digest recomputed from the bytes and the manifest's fields. */
  digest?: string;
}

/** A check returns what is wrong and what to do, or nothing. */
type Check = (bundle: BundleContents, expected: PlanExpectations) => string | undefined;
/** A check of the bytes alone, whoever reads them. */
type IntegrityCheck = (bundle: BundleContents) => string | undefined;

const AGAIN = 'run tf-plan again and apply the new plan';

const notRegularFile: IntegrityCheck = ({ others }) =>
  others[0] === undefined
    ? undefined
    : `the plan bundle holds ${others[0]}, which is not a regular file: the artifact was altered after tf-plan wrote it; ${AGAIN}`;

const missingFile: IntegrityCheck = ({ manifest, files }) => {
  const name = Object.keys(manifest.files).find((listed) => !files.has(listed));
  return name === undefined
    ? undefined
    : `the plan bundle has no ${name}, which ${MANIFEST_FILE} lists: the artifact is incomplete or was altered after tf-plan wrote it; ${AGAIN}`;
};

const extraFile: IntegrityCheck = ({ manifest, files }) => {
  const name = [...files].find((present) => !(present in manifest.files));
  return name === undefined
    ? undefined
    : `the plan bundle holds ${name}, which ${MANIFEST_FILE} does not list: the artifact was altered after tf-plan wrote it; ${AGAIN}`;
};

const changedFile: IntegrityCheck = ({ manifest, sha256 }) => {
  const name = Object.keys(manifest.files).find((listed) => sha256[listed] !== manifest.files[listed]);
  if (name === undefined) return undefined;
  const [actual, recorded] = [sha256[name] ?? '', manifest.files[name] ?? ''];
  return (
    `the plan bundle's ${name} is not the file tf-plan wrote: its sha256 is ${actual.slice(0, 12)}…, ` +
    `${MANIFEST_FILE} records ${recorded.slice(0, 12)}…; the artifact was altered; ${AGAIN}`
  );
};

const changedDigest: IntegrityCheck = ({ manifest, digest }) =>
  digest === undefined || digest === manifest.planDigest
    ? undefined
    : `the plan digest recomputed from the bundle (${shortDigest(digest)}…) differs from the one in ${MANIFEST_FILE} ` +
      `(${shortDigest(manifest.planDigest)}…): ${MANIFEST_FILE} was edited after tf-plan wrote it; ${AGAIN}`;

const otherStack: Check = ({ manifest }, expected) =>
  manifest.stack === expected.stack
    ? undefined
    : `the plan bundle was made for stack "${manifest.stack}", but this job applies stack "${expected.stack}": ` +
      `apply the plan of stack "${expected.stack}" (plan-artifact), or set stack: ${manifest.stack} if that is the stack you mean`;

const otherWorkingDirectory: Check = ({ manifest }, expected) =>
  manifest.workingDirectory === expected.workingDirectory
    ? undefined
    : `the plan bundle was planned in working directory "${manifest.workingDirectory}", but this job applies ` +
      `"${expected.workingDirectory}": set working-directory: ${manifest.workingDirectory}, or apply a plan made in "${expected.workingDirectory}"`;

const otherWorkspace: Check = ({ manifest }, expected) =>
  manifest.workspace === expected.workspace
    ? undefined
    : `the plan bundle was planned for workspace "${manifest.workspace}", but this job applies workspace ` +
      `"${expected.workspace}": set workspace: ${manifest.workspace}, or plan again for workspace "${expected.workspace}"`;

const otherTool: Check = ({ manifest }, expected) => {
  const [made, runs] = [manifest.tool, expected.tool];
  if (made.name !== runs.name) {
    return (
      `the plan bundle was made with ${made.name} ${made.version}, but this job runs ${runs.name} ${runs.version}: ` +
      `a plan applies only with the tool that made it; set binary: ${made.name}, or plan again with ${runs.name}`
    );
  }
  const [madeMajor, runsMajor] = [toolMajor(made.version), toolMajor(runs.version)];
  return madeMajor === runsMajor
    ? undefined
    : `the plan bundle was made with ${made.name} ${made.version} (${madeMajor}.x), but this job runs ${runs.name} ` +
        `${runs.version} (${runsMajor}.x): a plan applies only with the same major version; install ${made.name} ` +
        `${madeMajor}.x for this job, or plan again with ${runsMajor}.x`;
};

const otherCommit: Check = ({ manifest }, expected) =>
  !expected.requireSameCommit || manifest.commit === expected.commit
    ? undefined
    : `the plan bundle was made at commit ${manifest.commit}, but this job runs at commit ${expected.commit}: ` +
      `the configuration may have changed since the plan. Plan again at this commit, or set require-same-commit: false ` +
      `to apply a plan made at another commit (such as applying on merge the plan made on the pull request)`;

const unapprovedDigest: Check = ({ manifest }, expected) => {
  if (expected.expectedDigest === undefined) return undefined;
  const approved = normaliseDigest(expected.expectedDigest);
  return approved === manifest.planDigest
    ? undefined
    : `the plan bundle's digest is ${shortDigest(manifest.planDigest)}…, but expected-plan-digest is ` +
        `${shortDigest(approved)}…: this is not the plan that was approved. A new plan needs a new approval: ` +
        `have this plan approved, or apply the bundle of the approved plan`;
};

function normaliseDigest(digest: string): string {
  const hex = digest
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '');
  return `sha256:${hex}`;
}

/** In this order: the bytes are what tf-plan wrote, then they were made for this job, then approved. */
const INTEGRITY: IntegrityCheck[] = [notRegularFile, missingFile, extraFile, changedFile];
const IDENTITY: Check[] = [otherStack, otherWorkingDirectory, otherWorkspace, otherTool, otherCommit];
const APPROVAL: Check[] = [unapprovedDigest];

/** Runs the checks in order; the first that finds a problem refuses the bundle. */
function refuseFirst(checks: ReadonlyArray<() => string | undefined>): void {
  for (const check of checks) {
    const problem = check();
    if (problem !== undefined) throw new ConfigurationError(problem);
  }
}

/**
 * Re-reads manifest.json (validated), recomputes every file's sha256 and the plan digest, and checks
 * the bundle was made for what this job applies. Each refusal is one ConfigurationError that says
 * what differs and what to do. Returns the verified manifest.
 */
export async function verifyPlanBundle(dir: string, expected: PlanExpectations): Promise<PlanManifest> {
  const bundle = await intactBundle(dir, expected.reader ?? 'tf-apply');
  refuseFirst([...IDENTITY, ...APPROVAL].map((check) => () => check(bundle, expected)));
  return bundle.manifest;
}

/**
 * Checks only that the bundle is what tf-plan wrote (every file's sha256, the plan digest), for readers
 * that show a plan rather than apply it. Returns the manifest.
 */
export async function readIntactPlanBundle(dir: string, reader: string): Promise<PlanManifest> {
  return (await intactBundle(dir, reader)).manifest;
}

async function intactBundle(dir: string, reader: string): Promise<BundleContents> {
  const manifest = await readBundleManifest(dir, reader);
  const files = new Set<string>();
  const others: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === MANIFEST_FILE) continue;
    if (entry.isFile()) files.add(entry.name);
    else others.push(entry.name);
  }
  const bundle: BundleContents = { manifest, files, others, sha256: {} };
  for (const name of Object.keys(manifest.files)) {
    if (files.has(name)) bundle.sha256[name] = await sha256File(join(dir, name));
  }
  refuseFirst(INTEGRITY.map((check) => () => check(bundle)));
  bundle.digest = await digestOf(dir, manifest);
  refuseFirst([() => changedDigest(bundle)]);
  return bundle;
}

async function readBundleManifest(dir: string, reader: string): Promise<PlanManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ConfigurationError(
      `the plan bundle has no ${MANIFEST_FILE}: it is not a bundle written by tf-plan; check plan-artifact`,
    );
  }
  return readPlanManifest(text, reader);
}
