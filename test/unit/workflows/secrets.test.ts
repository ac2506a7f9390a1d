import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { callSecrets } from '../../support/runner/workflow.js';
import { repoRoot } from '../../support/tools.js';

/**
 * The secrets of the shipped workflows: every call passes only secrets the called workflow declares (GitHub
 * refuses the run otherwise), and the state backend's credentials reach tofu the one way that keeps them out
 * of the plan artifacts: as AWS_* variables of exactly the steps that read or write the state.
 */
const WORKFLOWS_DIR = join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(WORKFLOWS_DIR).filter((name) => /\.ya?ml$/.test(name));
const BACKEND_SECRETS = {
  'aws-access-key-id': 'AWS_ACCESS_KEY_ID',
  'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
  'aws-session-token': 'AWS_SESSION_TOKEN',
} as const;

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  uses?: string;
  secrets?: 'inherit' | Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on?: { workflow_call?: { secrets?: Record<string, { required?: boolean } | null> } };
  jobs?: Record<string, Job>;
}

const read = (name: string) => parse(readFileSync(join(WORKFLOWS_DIR, name), 'utf8')) as Workflow;
const declaredSecrets = (name: string) => Object.keys(read(name).on?.workflow_call?.secrets ?? {});
/** The suite's own reusable workflow a job calls, by file name; undefined for a job of steps. */
const calledFile = (uses: string | undefined) =>
  /^(?:iac-pipeline\/iac-pipeline\/|\.\/)\.github\/workflows\/([\w.-]+\.ya?ml)(?:@.+)?$/.exec(
    uses ?? '',
  )?.[1];

/** A step that reads or writes a stack's state: tf-plan (not its waves or gather modes), tf-apply, a backup. */
function reachesState(step: Step): boolean {
  const action = /^iac-pipeline\/iac-pipeline\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1];
  const mode = String(step.with?.mode ?? '');
  if (action === 'tf-plan') return mode !== 'waves' && mode !== 'gather';
  if (action === 'report') return step.with?.['backup-state'] !== undefined;
  return action === 'tf-apply';
}

const steps = (workflow: Workflow) =>
  Object.entries(workflow.jobs ?? {}).flatMap(([job, { steps = [] }]) =>
    steps.map((step, index) => ({ where: `${job} step ${index + 1} (${step.uses ?? 'run'})`, step })),
  );

/**
 * What is wrong with how a workflow hands the backend credentials to its steps: a step that reaches the
 * state must get all three as AWS_* variables from the secrets of the same names, no other step may get
 * them, no input may be set from them, and a reusable workflow with such steps must declare them.
 */
function credentialProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const mentions = (value: unknown) => /secrets\.aws-/.test(JSON.stringify(value ?? {}));
  for (const { where, step } of steps(workflow)) {
    const env = step.env ?? {};
    // Never as an input: backend-config ends up inside every saved plan.
    if (mentions(step.with)) problems.push(`${where}: an input is set from a backend credential`);
    if (!reachesState(step)) {
      if (mentions(env)) problems.push(`${where}: gets backend credentials but never reaches the state`);
      continue;
    }
    for (const [secret, variable] of Object.entries(BACKEND_SECRETS)) {
      if (env[variable] !== `\${{ secrets.${secret} }}`) problems.push(`${where}: ${variable} is not set`);
    }
  }
  const declared = Object.keys(workflow.on?.workflow_call?.secrets ?? {});
  if (workflow.on?.workflow_call && steps(workflow).some(({ step }) => reachesState(step))) {
    for (const secret of Object.keys(BACKEND_SECRETS)) {
      if (!declared.includes(secret)) problems.push(`declares no secret ${secret}`);
    }
  }
  return problems;
}

describe('the secrets of the shipped workflows', () => {
  it.each(workflows)('%s passes a called workflow only the secrets it declares', (name) => {
    const problems: string[] = [];
    for (const [id, job] of Object.entries(read(name).jobs ?? {})) {
      const file = calledFile(job.uses);
      if (!file || job.secrets === undefined || job.secrets === 'inherit') continue;
      const declared = declaredSecrets(file);
      for (const secret of Object.keys(job.secrets)) {
        if (!declared.includes(secret)) problems.push(`${id}: ${file} declares no secret ${secret}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('hands the backend credentials on to every wave, by name', () => {
    const pipeline = read('iac-pipeline.yml');
    const waves = Object.entries(pipeline.jobs ?? {}).filter(
      ([, job]) => calledFile(job.uses) === 'iac-wave.yml',
    );
    expect(waves.map(([id]) => id)).toEqual(['wave-1', 'wave-2', 'wave-3', 'wave-4', 'wave-5']);
    for (const [id, job] of waves) {
      const given = job.secrets === 'inherit' ? {} : (job.secrets ?? {});
      for (const secret of Object.keys(BACKEND_SECRETS)) {
        expect(`${id} ${secret}: ${given[secret]}`).toBe(`${id} ${secret}: \${{ secrets.${secret} }}`);
      }
    }
  });

  it.each(workflows)(
    '%s gives the backend credentials as AWS_* variables to exactly the steps that reach the state',
    (name) => {
      expect(credentialProblems(read(name))).toEqual([]);
    },
  );

  it('catch a step that reaches the state without them, one that gets them without need, and an input', () => {
    const workflow = parse(`
on: { workflow_call: { secrets: { aws-access-key-id: {} } } }
jobs:
  plan:
    steps:
      - uses: iac-pipeline/iac-pipeline/actions/tf-plan@v1
        with: { working-directory: infra, backend-config: "access_key=\${{ secrets.aws-access-key-id }}" }
      - uses: iac-pipeline/iac-pipeline/actions/tf-plan@v1
        env: { AWS_ACCESS_KEY_ID: "\${{ secrets.aws-access-key-id }}" }
        with: { mode: waves }
`) as Workflow;
    expect(credentialProblems(workflow)).toEqual([
      'plan step 1 (iac-pipeline/iac-pipeline/actions/tf-plan@v1): an input is set from a backend credential',
      'plan step 1 (iac-pipeline/iac-pipeline/actions/tf-plan@v1): AWS_ACCESS_KEY_ID is not set',
      'plan step 1 (iac-pipeline/iac-pipeline/actions/tf-plan@v1): AWS_SECRET_ACCESS_KEY is not set',
      'plan step 1 (iac-pipeline/iac-pipeline/actions/tf-plan@v1): AWS_SESSION_TOKEN is not set',
      'plan step 2 (iac-pipeline/iac-pipeline/actions/tf-plan@v1): gets backend credentials but never reaches the state',
      'declares no secret aws-secret-access-key',
      'declares no secret aws-session-token',
    ]);
  });
});

describe("the harness's workflow calls", () => {
  const document = {
    on: { workflow_call: { secrets: { 'encryption-key': { required: true }, 'aws-access-key-id': null } } },
    jobs: {},
  };

  it('refuses, as GitHub does, a secret the called workflow does not declare', () => {
    expect(() =>
      callSecrets({ file: 'w.yml', secrets: { 'encryption-key': 'k', AWS_ACCESS_KEY_ID: 'x' } }, document),
    ).toThrow('w.yml declares no secret AWS_ACCESS_KEY_ID');
  });

  it('refuses a call that leaves out a required secret, and passes the declared ones', () => {
    expect(() => callSecrets({ file: 'w.yml', secrets: { 'aws-access-key-id': 'x' } }, document)).toThrow(
      'w.yml requires the secret encryption-key',
    );
    expect(callSecrets({ file: 'w.yml', secrets: { 'encryption-key': 'k' } }, document)).toEqual({
      'encryption-key': 'k',
    });
  });

  it('passes every secret of the caller with secrets: inherit', () => {
    const secrets = { 'encryption-key': 'k', OTHER: 'o' };
    expect(callSecrets({ file: 'w.yml', secrets, inheritSecrets: true }, document)).toEqual(secrets);
  });
});
