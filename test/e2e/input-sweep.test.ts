import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { InputKind, InputSchema } from '../../src/core/inputs.js';
import { WorkflowRun, type Job } from '../support/runner/runner.js';
import { actionInputSpecs } from '../support/action-specs.js';
import { repoRoot } from '../support/tools.js';

/**
 * The sweep: every input of every action.yml, given values of the wrong kind for what its schema
 * declares, run as the runner runs the bundle. Each must end in exactly one `::error::` that names the
 * input, exit 1, no stack trace, no more than 60 characters of the value echoed, and a decoy file
 * outside the workspace neither read nor changed.
 */

const specs = actionInputSpecs;

/** What each action needs so that the input under test is the only thing wrong. */
const baseline: Record<string, Record<string, string>> = {
  'packer-build': { template: 'image.pkr.hcl' },
  'ansible-configure': { playbook: 'site.yml' },
  'smoke-test': { checks: 'checks.yml' },
  release: { environment: 'prod' },
};

// Laid out per job: <job>/workspace (the checkout), <job>/temp (RUNNER_TEMP), and beside them the decoy.
const DECOY_DIR = '../decoy';
const DECOY = `${DECOY_DIR}/secret.txt`;
const LINK_OUT = 'link-out'; // a symlink in the checkout to the decoy's directory
const LINK_FILE = 'leak.txt'; // a symlink in the checkout to the decoy itself
const A_DIRECTORY = 'some-dir';
const A_FILE = 'some-file.txt';
const HUGE = 'h'.repeat(100_000);

const pathEscapes = {
  // `link-out/..` is the job's directory to the kernel, though path.resolve would drop it and stay inside.
  file: [DECOY, LINK_FILE, `${LINK_OUT}/secret.txt`, `${LINK_OUT}/../decoy/secret.txt`, A_DIRECTORY],
  directory: [DECOY_DIR, LINK_OUT, A_FILE],
  output: [DECOY, `${LINK_OUT}/written.xml`, A_DIRECTORY],
  content: [DECOY, LINK_FILE],
};

/** Wrong values for each kind of input, beside the 100,000-character one every input gets. */
const wrongValues: Record<InputKind, string[]> = {
  text: ['one\u0007bell'],
  secret: ['s3cret-\u0008-token'],
  version: ['not a version'],
  accounts: ['octocat\nnot a login!'],
  boolean: ['yes', '1'],
  integer: ['lots', '-1', '1.5'],
  number: ['lots', '-2'],
  choice: ['no-such-choice'],
  lines: ['first\nsec\u0007ond'],
  list: ['a,\u0007b'],
  'key-values': ['name=value\nnot a pair'],
  file: pathEscapes.file,
  files: pathEscapes.file.map((path) => `${A_FILE}\n${path}`),
  directory: pathEscapes.directory,
  directories: pathEscapes.directory.map((path) => `.\n${path}`),
  'file or directory': [DECOY, LINK_FILE, `${LINK_OUT}/secret.txt`],
  'output file': pathEscapes.output,
  'file or content': pathEscapes.content,
  name: ['bad name/with slash'],
  names: ['good, bad name!'],
  digest: ['abc123'],
  duration: ['soon'],
  url: ['ftp://files.example.com/x'],
  yaml: ['a: [1, 2'],
  json: ['{"stack":'],
};

/** Inputs whose paths are held by a cross-input rule rather than by their kind. */
const extraValues: Record<string, string[]> = {
  'backend-config': [`bucket=state\n${DECOY}`],
};

interface ActionYaml {
  inputs?: Record<string, unknown>;
}

function actionInputs(action: string): string[] {
  const dir = action === 'setup' ? repoRoot : join(repoRoot, 'actions', action);
  const yaml = parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYaml;
  return Object.keys(yaml.inputs ?? {});
}

const found = readdirSync(join(repoRoot, 'actions')).filter((entry) =>
  existsSync(join(repoRoot, 'actions', entry, 'action.yml')),
);

function casesOf(action: string): Array<[input: string, kind: InputKind, value: string]> {
  const spec = specs[action];
  if (!spec) throw new Error(`no input spec for ${action}: add it to the sweep`);
  return actionInputs(action).flatMap((name) => {
    const schema = spec.shape[name] as InputSchema<unknown> | undefined;
    if (!schema) throw new Error(`${action}: action.yml has ${name}, the spec does not`);
    const { kind } = schema;
    const values = [HUGE, ...wrongValues[kind], ...(extraValues[name] ?? [])];
    return values.map((value): [string, InputKind, string] => [name, kind, value]);
  });
}

const run = new WorkflowRun();
afterAll(() => run.cleanup());

interface Decoy {
  path: string;
  content: string;
  atimeMs: number;
}

/** A job with the decoy beside its workspace, and symlinks in the checkout that lead to it. */
async function jobFor(action: string): Promise<{ job: Job; decoy: Decoy }> {
  const job = await run.job(`sweep ${action}`);
  const decoyDir = join(job.workspace, DECOY_DIR);
  await mkdir(decoyDir, { recursive: true });
  const path = join(job.workspace, DECOY);
  const content = `decoy of ${action}: nothing may read or write me\n`;
  await writeFile(path, content);
  await symlink(decoyDir, join(job.workspace, LINK_OUT));
  await symlink(path, join(job.workspace, LINK_FILE));
  await mkdir(join(job.workspace, A_DIRECTORY));
  await job.writeFile(A_FILE, 'a file where a directory is expected\n');
  await job.writeFile('image.pkr.hcl', 'source "null" "x" {\n  communicator = "none"\n}\n');
  await job.writeFile('site.yml', '- hosts: all\n  tasks: []\n');
  await job.writeFile(
    'checks.yml',
    'checks:\n  - name: port\n    kind: tcp\n    host: 127.0.0.1\n    port: 9\n',
  );
  return { job, decoy: { path, content, atimeMs: await ageDecoy(path) } };
}

// Long ago: with relatime, the next read of a file whose atime is over a day old moves it.
async function ageDecoy(path: string): Promise<number> {
  const long = new Date('2001-01-01T00:00:00Z');
  await utimes(path, long, long);
  return (await stat(path)).atimeMs;
}

describe('the decoy', () => {
  it('shows a read: reading it moves its access time', async () => {
    const { decoy } = await jobFor('self-check');
    await readFile(decoy.path);
    expect((await stat(decoy.path)).atimeMs).toBeGreaterThan(decoy.atimeMs);
  });
});

describe.each(['setup', ...found.sort()])('every input of %s', (action) => {
  let job: Job;
  let decoy: Decoy;
  beforeAll(async () => {
    ({ job, decoy } = await jobFor(action));
  });

  it.each(
    casesOf(action).map(([input, kind, value]) => [input, kind, JSON.stringify(value.slice(0, 40)), value]),
  )('%s (%s) refuses %s', async (input, kind, _shown, value) => {
    const step = await job.step(action, { with: { ...baseline[action], [input]: value } });
    expect(step.exitCode).toBe(1);
    expect(step.errors).toHaveLength(1);
    const message = step.errors[0]?.message ?? '';
    expect(message).toMatch(new RegExp(`^Input "${input}" `));
    expect(step.rawLog).not.toMatch(/^\s+at /m);
    expect(step.rawLog).not.toContain('failed unexpectedly');
    // At most 60 characters of a value, and none of a value that may hold secrets.
    expect(message.length).toBeLessThan(600);
    expect(message).not.toContain(HUGE.slice(0, 61));
    if (kind === 'secret') expect(step.rawLog).not.toContain(value);
    // The access time first: reading the content here moves it, so the decoy is aged again after.
    expect((await stat(decoy.path)).atimeMs).toBe(decoy.atimeMs);
    expect(await readFile(decoy.path, 'utf8')).toBe(decoy.content);
    decoy.atimeMs = await ageDecoy(decoy.path);
  });
});
