import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { withReportPage } from '../support/report-page.js';
import { decryptToDirectory } from '../../src/contracts/encryption.js';
import { smokeManifestSchema, smokeResultsSchema } from '../../src/contracts/smoke.js';
import { artifactsOfRuns, jobsOfRuns } from '../support/artifact-bridge.js';
import { filesHolding, filesOfArtifacts, placesHolding } from '../support/artifact-search.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type StepResult } from '../support/runner/runner.js';
import {
  startS3Server,
  useS3Backend,
  type S3Bucket,
  type S3Server,
  type S3State,
} from '../support/s3-server.js';
import { startSshHosts, type SshHosts } from '../support/ssh-hosts.js';
import { repoRoot } from '../support/tools.js';

/**
 * The report action over the artifacts of real pipeline runs: tf-plan, approval-gate, tf-apply and
 * ansible-configure run as bundles through the runner harness with real OpenTofu, ansible-core and sshd;
 * the smoke artifact is a fixture in smoke-test's published shape. report.html is opened in Debian's
 * Chromium; the webhook goes to a real HTTP receiver on loopback. The state lives in S3 (versitygw on
 * loopback, a bucket per test), which the plan, apply and report jobs reach only through the
 * backend-config and the credentials their steps are given; one state backup test keeps the local
 * backend, so that both stay covered.
 */
let results: ResultsService;
let api: GitHubApi;
let hosts: SshHosts;
let s3: S3Server;
let root: string;
const runs: WorkflowRun[] = [];

// Values that must never appear in anything the report writes or prints.
const API_TOKEN = 'tok-report-9d1e-never-printed';
const ENCRYPTION_KEY = 'report backup key 51f0';
const HOSTILE = '<img src=x onerror=alert(1)> | @admin **bold** `tick`';

beforeAll(async () => {
  s3 = await startS3Server();
  results = await startResultsService();
  api = await startGitHubApi({
    owner: 'octo-org',
    repo: 'infra',
    artifactSource: artifactsOfRuns(results, () => runs),
    jobSource: jobsOfRuns(() => runs),
  });
  hosts = await startSshHosts([{ name: 'web-1', groups: ['web'] }]);
  root = await mkdtemp(join(tmpdir(), 'report-'));
}, 60_000);
afterEach(() => api.assertNoViolations());
afterAll(async () => {
  for (const run of runs) await run.cleanup();
  await Promise.all([results?.close(), api?.close(), hosts?.close(), s3?.close()]);
  await rm(root, { recursive: true, force: true });
});

function newRun(): WorkflowRun {
  const run = new WorkflowRun({ results, apiUrl: api.url, repository: 'octo-org/infra' });
  api.addToken(run.token, 'github-actions[bot]');
  runs.push(run);
  return run;
}

/** A webhook receiver: answers each POST with the next status of `statuses` (the last one repeats). */
async function startReceiver(statuses: number[]) {
  const bodies: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.statusCode = statuses[Math.min(bodies.length - 1, statuses.length - 1)] ?? 200;
      res.end(res.statusCode < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // The path stands for the secret part of a real webhook URL.
    url: `http://127.0.0.1:${port}/services/T000/B000/hook-secret-7ac2`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * smoke-test's artifact, in the shape of its contract (src/contracts/smoke.ts), checked against that
 * contract's own schema before upload: manifest.json, results.json, junit.xml.
 */
async function uploadSmoke(run: WorkflowRun, schema = 'iac/smoke@1'): Promise<void> {
  const job = await run.job('smoke');
  const now = new Date().toISOString();
  const common = { stack: 'infra', commit: run.sha, ref: 'refs/heads/main', runId: run.runId, runAttempt: 1 };
  const check = (id: string, rest: Record<string, unknown>) => ({
    id,
    check: id,
    tags: [],
    line: 3,
    ...rest,
  });
  const results = smokeResultsSchema.parse({
    schema: 'iac/smoke-results@1',
    producer: { action: 'smoke-test', version: '0.1.0' },
    ...common,
    checksFile: 'smoke.yml',
    startedAt: now,
    createdAt: now,
    durationSeconds: 1.6,
    settings: { concurrency: 16, retries: 3, retryDelaySeconds: 2, deadlineSeconds: 300, failOn: 'any' },
    totals: { passed: 2, failed: 0, total: 2 },
    byCategory: {
      connectivity: { passed: 1, failed: 0, total: 1 },
      functionality: { passed: 1, failed: 0, total: 1 },
    },
    maxInFlight: 2,
    deadlineReached: false,
    failedStep: false,
    checks: [
      check('ssh port open', {
        kind: 'tcp',
        category: 'connectivity',
        target: '127.0.0.1:22',
        status: 'passed',
        message: '',
        attempts: 1,
        durationSeconds: 0.02,
      }),
      check('motd written', {
        kind: 'ssh-command',
        category: 'functionality',
        host: 'web-1',
        target: 'web-1',
        status: 'passed',
        message: HOSTILE,
        attempts: 2,
        durationSeconds: 1.5,
      }),
    ],
  });
  await job.writeFile('results.json', JSON.stringify(results));
  await job.writeFile('junit.xml', '<testsuites tests="2" failures="0"></testsuites>\n');
  const sha = async (file: string) =>
    createHash('sha256')
      .update(await readFile(join(job.workspace, file)))
      .digest('hex');
  const manifest = {
    schema,
    producer: { action: 'smoke-test', version: '0.1.0' },
    ...common,
    createdAt: now,
    files: { 'results.json': await sha('results.json'), 'junit.xml': await sha('junit.xml') },
  };
  if (schema === 'iac/smoke@1') smokeManifestSchema.parse(manifest);
  await job.writeFile('manifest.json', JSON.stringify(manifest));
  const step = await job.step('probe:artifact', {
    with: { mode: 'upload', name: 'iac-smoke-infra', path: 'manifest.json\nresults.json\njunit.xml' },
  });
  expect(step.exitCode).toBe(0);
  await job.complete();
}

async function reportJob(
  run: WorkflowRun,
  given: Record<string, string> = {},
  fixture?: string,
  store?: StateStore,
) {
  const job = await run.job('report');
  if (fixture) await checkoutInto(job, fixture, store);
  const step = await job.step('report', {
    with: { title: `Deploy ${HOSTILE}`, ...given },
    ...(store ? { env: store.env } : {}),
  });
  return { job, step };
}

/** The fixture as a checkout would bring it; with an S3 store, its backend turned into `backend "s3"`. */
async function checkoutInto(job: Job, fixture: string, store?: StateStore): Promise<void> {
  await cp(join(repoRoot, 'test', 'fixtures', fixture), join(job.workspace, 'infra'), { recursive: true });
  if (store?.bucket) await useS3Backend(join(job.workspace, 'infra'));
}

/** Where a test's state lives: what each job is given to reach it, and how the test reads it. */
interface StateStore {
  /** The `backend-config` input value, one line an entry. */
  backendConfig: string;
  /** The step environment: the S3 credentials, as a workflow passes secrets; none for the local backend. */
  env: Record<string, string>;
  bucket?: S3Bucket;
  state(): Promise<S3State | undefined>;
}

/** A bucket of its own for the test. */
async function s3Store(): Promise<StateStore> {
  const bucket = await s3.bucket();
  return {
    backendConfig: bucket.backendConfig(),
    env: s3.credentialsEnv(),
    bucket,
    state: () => bucket.state(),
  };
}

/** A directory of its own outside every workspace: the local backend's `path`. */
async function localStore(): Promise<StateStore> {
  const path = join(await mkdtemp(join(root, 'state-')), 'terraform.tfstate');
  return {
    backendConfig: `path=${path}`,
    env: {},
    state: async () => {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as S3State);
    },
  };
}

/** What a state backup must agree on with the state it was pulled from. */
function identity(state: S3State | undefined) {
  return { serial: state?.serial, lineage: state?.lineage, resources: state?.resources };
}

async function reportFiles(step: StepResult): Promise<Record<string, string>> {
  const dir = join(step.outputs['report-path'] ?? '', '..');
  const files: Record<string, string> = {};
  for (const name of await readdir(dir)) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

/** Downloads an artifact in a job of its own: its files by name. */
async function artifactFiles(run: WorkflowRun, name: string): Promise<{ dir: string; names: string[] }> {
  const job = await run.job('inspect');
  const step = await job.step('probe:artifact', { with: { mode: 'download', name, path: 'got' } });
  expect(step.exitCode).toBe(0);
  const dir = join(job.workspace, 'got');
  return { dir, names: (await readdir(dir)).sort() };
}

function expectNoLeak(texts: string[], secrets: string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

/**
 * The S3 credentials appear nowhere a reader of the run could look: any step's log, summary or outputs,
 * any request to the GitHub API (comments, deployments), what else the run sent (`sent`: the webhook's
 * messages), or any artifact file, archives inside opened.
 */
async function expectCredentialsNowhere(run: WorkflowRun, sent: Record<string, unknown> = {}): Promise<void> {
  for (const secret of [s3.accessKey, s3.secretKey]) {
    expect(await placesHolding(run, secret, { results, requests: api.requests, sent })).toEqual([]);
  }
}

describe('the report of a real pipeline run', () => {
  it('tells plan → approval → apply → configure → smoke as one story, in Markdown, HTML, JSON and a script', async () => {
    const run = newRun();
    const store = await s3Store();
    const tfVars = `hosts={"web-1"=${hosts.host('web-1').port}}`;

    const plan = await run.job('plan');
    await checkoutInto(plan, join('ansible', 'stack'), store);
    const planned = await plan.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig, vars: tfVars },
      env: store.env,
    });
    expect(planned.errors).toEqual([]);
    await plan.complete();

    const approve = await run.job('approve');
    const gate = await approve.step('approval-gate', {
      with: { mode: 'policy', environment: 'dev', 'auto-approve-environments': 'dev', stack: 'infra' },
    });
    expect(gate.errors).toEqual([]);
    expect(gate.outputs.approved).toBe('true');
    await approve.complete();

    const apply = await run.job('apply');
    await checkoutInto(apply, join('ansible', 'stack'), store);
    const applied = await apply.step('tf-apply', {
      with: {
        'working-directory': 'infra',
        'backend-config': store.backendConfig,
        'expected-plan-digest': gate.outputs['plan-digest'] ?? '',
      },
      env: store.env,
    });
    expect(applied.errors).toEqual([]);
    await apply.complete();

    const configure = await run.job('configure');
    await cp(join(repoRoot, 'test', 'fixtures', 'ansible'), join(configure.workspace, 'ansible'), {
      recursive: true,
    });
    const configured = await configure.step('ansible-configure', {
      with: {
        stack: 'infra',
        'private-key': hosts.privateKey,
        'known-hosts': await readFile(hosts.knownHostsPath, 'utf8'),
        user: os.userInfo().username,
        playbook: 'ansible/site.yml',
        'working-directory': 'ansible',
        'extra-vars': JSON.stringify({ greeting: 'Hello', api_token: API_TOKEN }),
      },
    });
    expect(configured.errors).toEqual([]);
    await configure.complete();
    await uploadSmoke(run);

    const receiver = await startReceiver([200]);
    try {
      // The state backup is pulled from the bucket, and left unsealed, so that a leak would show in it.
      const { step } = await reportJob(
        run,
        {
          'webhook-url': receiver.url,
          'working-directory': 'infra',
          'backup-state': 'true',
          'backend-config': store.backendConfig,
        },
        join('ansible', 'stack'),
        store,
      );
      expect(step.errors).toEqual([]);
      expect(step.warnings.map((w) => w.message)).toEqual([
        "The state backup iac-state-backup is not encrypted: anyone who can read the run's artifacts can read every value in it. Give encryption-key to seal it.",
      ]);
      expect(step.exitCode).toBe(0);
      expect(step.outputs).toMatchObject({
        outcome: 'success',
        'artifact-name': 'iac-report',
        notified: 'true',
      });

      // The job summary: the stage table, the timeline, the plan, the approval, the recap, the smoke checks.
      const summary = step.summary;
      for (const stage of ['plan', 'approve', 'apply', 'configure', 'smoke']) {
        expect(summary).toMatch(
          new RegExp(`^\\| ${stage} \\| <code>infra</code> \\| :white_check_mark: success \\|`, 'm'),
        );
      }
      expect(summary).toContain('```mermaid\ngantt\n');
      expect(summary).toMatch(/^ {2}plan infra :done, s\d+, \d{13}, \d{13}$/m);
      expect(summary).toContain(
        `| <code>infra</code> | 1 | 0 | 0 | 0 | 0 | 0 | <code>${gate.outputs['plan-digest']?.replace(/:/, '&#58;')}</code> |`,
      );
      expect(summary).toMatch(/\*\*approved\*\* \(policy, mode policy\) for plan `sha256:[0-9a-f]{64}`/);
      expect(summary).toMatch(/^\| <code>web&#45;1<\/code> \| \d+ \| 2 \| 0 \| 0 \| \d+ \|$/m);
      expect(summary).toContain('<code>motd written</code>');
      // Nothing from an artifact or the title becomes markup.
      expect(summary).not.toContain('<img');
      expect(summary).not.toMatch(/(?<![`\\])@admin/);

      const files = await reportFiles(step);
      expect(Object.keys(files).sort()).toEqual(['report.html', 'report.json', 'report.md', 'reproduce.sh']);
      // The runner's summary file gets one more line break than report.md.
      expect(summary.trimEnd()).toBe(files['report.md']?.trimEnd());

      const json = JSON.parse(files['report.json'] ?? '{}');
      expect(json).toMatchObject({
        schema: 'iac/report@1',
        outcome: 'success',
        backup: { artifact: 'iac-state-backup', encrypted: false },
        run: { runId: run.runId, commit: run.sha },
        metrics: { deployment: true, changeFailure: false },
        counts: {
          plan: { stacks: 1, add: 1, change: 0, destroy: 0, deletes: [] },
          approvals: [{ stack: 'infra', status: 'approved', planDigest: gate.outputs['plan-digest'] }],
          ansible: { hosts: 1, changedHosts: 1, failedHosts: 0 },
          smoke: { total: 2, passed: 2, failed: 0 },
        },
      });
      const stages = json.stages as Array<{
        stage: string;
        status: string;
        durationSeconds: number;
        job?: string;
      }>;
      expect(stages.map((s) => s.stage)).toEqual(['plan', 'approve', 'apply', 'configure', 'smoke']);
      for (const s of stages) {
        expect(s.status).toBe('success');
        expect(s.durationSeconds).toBeGreaterThan(0);
        expect(s.job).toBe(s.stage);
      }
      expect(json.durationSeconds).toBeGreaterThan(0);

      // reproduce.sh: valid shell, the same commit and tool version, no secret.
      const script = files['reproduce.sh'] ?? '';
      await promisify(execFile)('bash', ['-n', step.outputs['reproduce-path'] ?? '']);
      expect(script).toContain(`COMMIT='${run.sha}'`);
      expect(script).toMatch(/need_version tofu '\d+\.\d+\.\d+' tofu version/);
      expect(script).toContain(`cd "$root"/'infra'`);
      expect(script).toContain("need_version ansible-playbook 'core ");

      // The webhook got the outcome and the link to the run.
      expect(receiver.bodies).toHaveLength(1);
      const message = JSON.stringify(receiver.bodies[0]);
      expect(message).toContain('succeeded');
      expect(message).toContain(`https://github.com/octo-org/infra/actions/runs/${run.runId}`);
      expect(message).toContain('&lt;img src=x onerror=alert(1)&gt;');

      // The artifact holds the four files; nothing anyone can read holds a secret.
      const uploaded = await artifactFiles(run, 'iac-report');
      expect(uploaded.names).toEqual(['report.html', 'report.json', 'report.md', 'reproduce.sh']);
      expect(step.masks).toContain(receiver.url);
      expectNoLeak(
        [step.rawLog, step.summary, JSON.stringify(step.outputs), ...Object.values(files)],
        [API_TOKEN, receiver.url, 'hook-secret-7ac2', run.token],
      );

      // The backup is the state object in the bucket, as the apply left it.
      const backup = await artifactFiles(run, 'iac-state-backup');
      expect(backup.names).toEqual(['terraform.tfstate']);
      const backedUp = JSON.parse(await readFile(join(backup.dir, 'terraform.tfstate'), 'utf8')) as S3State;
      const inBucket = await store.state();
      expect(inBucket?.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['terraform_data.vm']);
      expect(identity(backedUp)).toEqual(identity(inBucket));

      // The S3 credentials reached every job that needed the state, as secrets, and are nowhere in what
      // the run left: logs, summaries, outputs, API requests, the webhook's message, every artifact's files.
      await expectCredentialsNowhere(run, { webhook: receiver.bodies });
      // The files searched (downloaded once per run, so these are they) are of every artifact the run uploaded.
      const searched = await filesOfArtifacts(run, results);
      expect([...new Set(searched.map((file) => file.artifact))]).toEqual([
        'iac-ansible-infra',
        'iac-approval-infra',
        'iac-audit',
        expect.stringMatching(/^iac-audit-ansible-configure-infra-1-[0-9a-f]{8}$/),
        expect.stringMatching(/^iac-audit-approval-gate-infra-1-[0-9a-f]{8}$/),
        expect.stringMatching(/^iac-audit-tf-apply-infra-1-[0-9a-f]{8}$/),
        expect.stringMatching(/^iac-audit-tf-plan-infra-1-[0-9a-f]{8}$/),
        'iac-inventory-infra',
        'iac-outputs-infra',
        'iac-plan-infra',
        'iac-report',
        'iac-smoke-infra',
        'iac-state-backup',
      ]);
      // The search opened the planfile, a zip inside the bundle, where the tool keeps the backend
      // configuration: the bucket's name is there, so a credential passed that way would have been found.
      expect(filesHolding(searched, store.bucket?.name ?? '?')).toContain('iac-plan-infra/tfplan!/tfplan');

      await checkHtmlInChromium(step.outputs['html-path'] ?? '', 'success');
    } finally {
      await receiver.close();
    }
  });

  it('reports a failed apply and an unreadable smoke artifact as such, backs up the state sealed, and succeeds itself', async () => {
    const run = newRun();
    const store = await s3Store();
    const plan = await run.job('plan');
    await checkoutInto(plan, 'stack', store);
    const planned = await plan.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig, vars: 'fail_apply=true' },
      env: store.env,
    });
    expect(planned.exitCode).toBe(0);
    await plan.complete();
    const apply = await run.job('apply');
    await checkoutInto(apply, 'stack', store);
    const applied = await apply.step('tf-apply', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig },
      env: store.env,
    });
    expect(applied.exitCode).toBe(1);
    await apply.complete();
    // A smoke artifact of a version this report does not read.
    await uploadSmoke(run, 'iac/smoke@9');

    const { step } = await reportJob(
      run,
      {
        'working-directory': 'infra',
        'backup-state': 'true',
        'backend-config': store.backendConfig,
        'encryption-key': ENCRYPTION_KEY,
      },
      'stack',
      store,
    );
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(step.outputs.outcome).toBe('failure');
    expect(step.summary).toMatch(
      /^\| apply \| +\| :x: failure \| .* \| <code>job apply&#58; failure&#44; and it left no artifact<\/code> \|$/m,
    );
    expect(step.summary).toMatch(/^\| smoke \| <code>infra<\/code> \| :warning: unreadable \|/m);
    expect(step.summary).toContain('but this version of report reads iac/smoke@1');
    expect(step.summary).toMatch(/^ {2}apply :crit, s\d+, \d{13}, \d{13}$/m);
    expect(step.warnings.map((w) => w.message).join('\n')).toMatch(
      /Could not read the artifact iac-smoke-infra/,
    );

    const json = JSON.parse((await reportFiles(step))['report.json'] ?? '{}');
    expect(json.outcome).toBe('failure');
    expect(json.metrics).toEqual({ deployment: false, changeFailure: true, restored: false });
    expect(json.stages.find((s: { stage: string }) => s.stage === 'apply')).toMatchObject({
      status: 'failure',
      job: 'apply',
    });
    expect(json.backup).toEqual({ artifact: 'iac-state-backup', encrypted: true });

    // The backup holds the state as the failed apply left it (the VMs made before the failure), sealed.
    const backup = await artifactFiles(run, 'iac-state-backup');
    expect(backup.names).toEqual(['bundle.iacenc']);
    const sealed = await readFile(join(backup.dir, 'bundle.iacenc'));
    expect(sealed.toString('latin1')).not.toContain('terraform_data');
    const opened = join(backup.dir, 'opened');
    await decryptToDirectory(sealed, ENCRYPTION_KEY, opened);
    const state = JSON.parse(await readFile(join(opened, 'terraform.tfstate'), 'utf8')) as S3State;
    expect(state.resources.map((r) => `${r.type}.${r.name}`)).toContain('terraform_data.vm');
    // It is the state object the failed apply left in the bucket: the report pulled it from there.
    const inBucket = await store.state();
    expect(inBucket?.resources.find((r) => r.name === 'vm')?.instances).toHaveLength(2);
    expect(identity(state)).toEqual(identity(inBucket));
    expectNoLeak([step.rawLog, step.summary], [ENCRYPTION_KEY, 'initial-Secret-Value-7c1']);

    await checkHtmlInChromium(step.outputs['html-path'] ?? '', 'failure');
  });

  // The one state backup test on the local backend: the state in a directory outside every workspace,
  // which the report job reaches through backend-config's `path` as the S3 tests reach their bucket.
  it('backs up the state of a local backend, unsealed with a warning, as the apply left it', async () => {
    const run = newRun();
    const store = await localStore();
    const plan = await run.job('plan');
    await checkoutInto(plan, 'stack', store);
    const planned = await plan.step('tf-plan', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig },
    });
    expect(planned.exitCode).toBe(0);
    await plan.complete();
    const apply = await run.job('apply');
    await checkoutInto(apply, 'stack', store);
    const applied = await apply.step('tf-apply', {
      with: { 'working-directory': 'infra', 'backend-config': store.backendConfig },
    });
    expect(applied.errors).toEqual([]);
    await apply.complete();

    const { step } = await reportJob(
      run,
      { 'working-directory': 'infra', 'backup-state': 'true', 'backend-config': store.backendConfig },
      'stack',
      store,
    );
    expect(step.errors).toEqual([]);
    expect(step.outputs.outcome).toBe('success');
    expect(step.warnings.map((w) => w.message)).toEqual([
      "The state backup iac-state-backup is not encrypted: anyone who can read the run's artifacts can read every value in it. Give encryption-key to seal it.",
    ]);
    expect(step.summary).toContain('State backup: `iac-state-backup` (not encrypted');

    const backup = await artifactFiles(run, 'iac-state-backup');
    expect(backup.names).toEqual(['terraform.tfstate']);
    const backedUp = JSON.parse(await readFile(join(backup.dir, 'terraform.tfstate'), 'utf8')) as S3State;
    const onDisk = await store.state();
    expect(onDisk?.resources.find((r) => r.name === 'vm')?.instances).toHaveLength(2);
    expect(identity(backedUp)).toEqual(identity(onDisk));
    // Unsealed, it holds the sensitive values in the clear: why the warning is there. The log still does not.
    expect(JSON.stringify(backedUp)).toContain('initial-Secret-Value-7c1');
    expect(step.rawLog).not.toContain('initial-Secret-Value-7c1');
  });
});

describe('the webhook', () => {
  it('retries a receiver that answers 5xx, then succeeds; the Teams message is an Adaptive Card', async () => {
    const receiver = await startReceiver([503, 502, 200]);
    try {
      const { step } = await reportJob(newRun(), { 'webhook-url': receiver.url, 'webhook-kind': 'teams' });
      expect(step.errors).toEqual([]);
      expect(step.warnings).toEqual([]);
      expect(step.outputs.notified).toBe('true');
      expect(receiver.bodies).toHaveLength(3);
      expect(receiver.bodies[2]).toMatchObject({
        type: 'message',
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
        ],
      });
      expect(step.log).toMatch(
        /The teams notification failed \(attempt 1: the receiver answered 503\); trying again/,
      );
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a receiver that always fails with a warning, and the step still succeeds', async () => {
    const receiver = await startReceiver([500]);
    try {
      const { step } = await reportJob(newRun(), { 'webhook-url': receiver.url });
      expect(step.exitCode).toBe(0);
      expect(step.errors).toEqual([]);
      expect(step.outputs.notified).toBe('false');
      expect(receiver.bodies).toHaveLength(4);
      expect(step.warnings.map((w) => w.message)).toEqual([
        'The slack notification was not sent: the receiver answered 500. The report is complete without it.',
      ]);
      expectNoLeak([step.rawLog], [receiver.url, 'hook-secret-7ac2']);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a webhook-url that is not an http(s) URL, naming the input and not echoing it', async () => {
    const { step } = await reportJob(newRun(), { 'webhook-url': 'ftp://hooks.example/secret-path' });
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      'Input "webhook-url" must be an http:// or https:// URL.',
    ]);
    expect(step.rawLog).not.toContain('secret-path');
  });
});

/**
 * Opens report.html in Debian's Chromium: the stage table and the timeline are drawn, nothing is
 * fetched from anywhere, and the screenshot shows a bar in the outcome's colour.
 */
async function checkHtmlInChromium(htmlPath: string, outcome: 'success' | 'failure'): Promise<void> {
  await withReportPage(htmlPath, async (page) => {
    // The title's markup arrived as text: no element was made of it.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toContain('<img src=x onerror=alert(1)>');

    const table = page.locator('#stages');
    await expect(table.isVisible()).resolves.toBe(true);
    const tableBox = await table.boundingBox();
    expect(tableBox?.width).toBeGreaterThan(100);
    expect(await page.locator('#stages tbody tr').count()).toBeGreaterThanOrEqual(2);

    const timeline = page.locator('#timeline');
    await expect(timeline.isVisible()).resolves.toBe(true);
    const box = await timeline.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(20);

    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(1000);
    const png = PNG.sync.read(shot);
    // The bar colours of report.html: success #1a7f37, failure #cf222e. Count them inside the timeline.
    const wanted = outcome === 'success' ? [0x1a, 0x7f, 0x37] : [0xcf, 0x22, 0x2e];
    let matching = 0;
    const x0 = Math.floor(box?.x ?? 0);
    const y0 = Math.floor(box?.y ?? 0);
    for (let y = y0; y < y0 + Math.floor(box?.height ?? 0) && y < png.height; y++) {
      for (let x = x0; x < x0 + Math.floor(box?.width ?? 0) && x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        const close = wanted.every((c, k) => Math.abs((png.data[i + k] ?? 0) - c) <= 3);
        if (close) matching++;
      }
    }
    // At least one bar of 6 × 20 px.
    expect(matching).toBeGreaterThanOrEqual(100);
  });
}
