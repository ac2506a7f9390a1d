import { createHash } from 'node:crypto';
import { readBuildMetadata, type BuildMetadata } from '../../../src/contracts/build-metadata.js';
import { readPlanManifest, type PlanManifest } from '../../../src/contracts/manifest.js';
import type { Release } from '../../../src/contracts/release.js';
import { readSmokeResults, type SmokeCheckResult, type SmokeResults } from '../../../src/contracts/smoke.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { RunContext } from '../../../src/core/run-context.js';
import type { DeploymentRecord, DeploymentsApi } from '../../../src/github/deployments.js';
import { releaseRecord, type Hashed, type ReleaseRecordInput } from '../../../src/releases/record.js';

/**
 * Documents as the actions write them (each read back through its own contract's reader, so a fixture
 * that drifts from tf-plan's, packer-build's or smoke-test's contract fails here first), with the
 * sha256 of their JSON text as the release records it.
 */

export const COMMIT = '3f5e2a9c1b7d4e6f8a0b2c4d6e8f0a1b3c5d7e9f';
export const RUN_ID = 8123456789;
export const CREATED_AT = '2026-03-02T09:15:00.000Z';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A document with the sha256 of its JSON text, as read from an artifact. */
export function hashed<T>(document: T): Hashed<T> {
  return { document, sha256: sha256(JSON.stringify(document, null, 2)) };
}

const STAGING_TFVARS = sha256('environment = "staging"\ninstance_count = 2\n');
const VMS_TFVARS = sha256('image_id = "ami-0c55b159cbfafe1f0"\n');

export function planManifest(stack: 'network' | 'vms', overrides: Partial<PlanManifest> = {}): PlanManifest {
  const dir = `infra/${stack}`;
  return readPlanManifest({
    schema: 'iac/plan@1',
    producer: { action: 'tf-plan', version: '0.1.0' },
    stack,
    workingDirectory: dir,
    workspace: 'default',
    commit: COMMIT,
    ref: 'refs/heads/main',
    runId: RUN_ID,
    runAttempt: 1,
    createdAt: '2026-03-02T09:02:11.204Z',
    tool: { name: 'tofu', version: '1.12.6' },
    varFiles: [
      { path: 'infra/staging.tfvars', sha256: STAGING_TFVARS },
      ...(stack === 'vms' ? [{ path: 'infra/vms/staging.tfvars', sha256: VMS_TFVARS }] : []),
    ],
    files: { tfplan: sha256(`tfplan ${stack}`), 'plan.json': sha256(`plan.json ${stack}`) },
    priorState: { exists: true, serial: 12, lineage: '9b1f4c2e-5d7a-4e3b-8f6c-0a2d4e6f8b1c' },
    backend: {
      type: 's3',
      bucket: 'acme-tfstate',
      key: `staging/${stack}.tfstate`,
      region: 'eu-west-1',
      endpoint: '127.0.0.1:39211',
    },
    planDigest: `sha256:${sha256(`digest ${stack}`)}`,
    summary: {
      add: 2,
      change: 1,
      destroy: 0,
      replace: 0,
      import: 0,
      move: 0,
      hasChanges: true,
      destroys: false,
      deletes: [],
    },
    ...overrides,
  });
}

export function buildMetadata(imageId = 'ami-0c55b159cbfafe1f0'): BuildMetadata {
  const origin = { runId: RUN_ID, runAttempt: 1, commit: COMMIT, ref: 'refs/heads/main' };
  return readBuildMetadata({
    schema: 'iac/image@1',
    producer: { action: 'packer-build', version: '0.1.0' },
    name: 'web-base',
    template: {
      path: 'packer/image.pkr.hcl',
      format: 'hcl2',
      files: [{ path: 'packer/image.pkr.hcl', sha256: sha256('source "null" "basic" {}') }],
    },
    varFiles: [],
    templateHash: `sha256:${sha256('template web-base')}`,
    packerVersion: '1.11.2',
    buildTime: '2026-03-02T09:01:40Z',
    imageId,
    artifacts: [
      {
        build: 'amazon-ebs.web',
        id: `eu-west-1:${imageId}`,
        builderType: 'amazon-ebs',
        files: [],
        customData: {},
      },
    ],
    customData: { nginx: '1.26.2' },
    artifactSource: 'manifest',
    builtBy: origin,
    writtenBy: origin,
    skipped: false,
    createdAt: '2026-03-02T09:01:41Z',
  });
}

type Category = SmokeCheckResult['category'];
type Status = SmokeCheckResult['status'];

/** smoke-test's results.json for `stack`: one check per entry, `[category, status]`. */
export function smokeResults(
  stack: string,
  checks: Array<[Category, Status]>,
  options: { runId?: number; failOn?: 'any' | 'threshold'; threshold?: number } = {},
): SmokeResults {
  const results: SmokeCheckResult[] = checks.map(([category, status], index) => ({
    id: `${category}-${index + 1}[web-${(index % 2) + 1}]`,
    check: `${category}-${index + 1}`,
    kind: category === 'connectivity' ? 'tcp' : category === 'security' ? 'tls-cert' : 'http',
    category,
    tags: [],
    host: `web-${(index % 2) + 1}`,
    target: category === 'connectivity' ? '10.0.1.5:22' : 'https://10.0.1.5/health',
    status,
    message:
      status === 'passed' ? '' : status === 'failed' ? 'HTTP 503' : 'not run: the deadline was reached',
    attempts: status === 'passed' ? 1 : 3,
    durationSeconds: 0.4,
    line: 3 + index * 4,
  }));
  const tally = (list: SmokeCheckResult[]) => {
    const passed = list.filter((c) => c.status === 'passed').length;
    return { passed, failed: list.length - passed, total: list.length };
  };
  const totals = tally(results);
  const failOn = options.failOn ?? 'any';
  const threshold = options.threshold;
  const failedStep =
    failOn === 'any' ? totals.passed < totals.total : totals.passed * 100 < (threshold ?? 100) * totals.total;
  const categories = ['connectivity', 'service', 'security', 'functionality'] as const;
  return readSmokeResults({
    schema: 'iac/smoke-results@1',
    producer: { action: 'smoke-test', version: '0.1.0' },
    stack,
    checksFile: 'smoke/checks.yml',
    inventory: 'inventory.json',
    commit: COMMIT,
    ref: 'refs/heads/main',
    runId: options.runId ?? RUN_ID,
    runAttempt: 1,
    startedAt: '2026-03-02T09:14:20Z',
    createdAt: '2026-03-02T09:14:31Z',
    durationSeconds: 11.2,
    settings: {
      concurrency: 16,
      retries: 3,
      retryDelaySeconds: 2,
      deadlineSeconds: 300,
      failOn,
      ...(threshold !== undefined ? { threshold } : {}),
    },
    totals,
    byCategory: Object.fromEntries(
      categories
        .map((c) => [c, tally(results.filter((r) => r.category === c))] as const)
        .filter(([, t]) => t.total > 0),
    ),
    maxInFlight: 8,
    deadlineReached: results.some((c) => c.status === 'not-run'),
    failedStep,
    checks: results,
  });
}

/** `n` checks of each category, all with `status`. */
export function checks(
  counts: Partial<Record<Category, number>>,
  status: Status = 'passed',
): Array<[Category, Status]> {
  return Object.entries(counts).flatMap(([category, n]) =>
    Array.from({ length: n }, () => [category as Category, status] as [Category, Status]),
  );
}

/** The vms stack's 22 checks, all passed: 6 connectivity, 8 service, 4 security, 4 functionality. */
export const ALL_GREEN = checks({ connectivity: 6, service: 8, security: 4, functionality: 4 });

export function recordInput(overrides: Partial<ReleaseRecordInput> = {}): ReleaseRecordInput {
  return {
    producer: { action: 'tf-apply', version: '0.1.0' },
    environment: 'staging',
    run: { runId: RUN_ID, runAttempt: 1 },
    manifests: [planManifest('network'), planManifest('vms')],
    image: hashed(buildMetadata()),
    smoke: [hashed(smokeResults('vms', ALL_GREEN))],
    createdAt: new Date(CREATED_AT),
    outcome: 'success',
    ...overrides,
  };
}

/** A release as releaseRecord makes it from the documents above. */
export function recordedRelease(overrides: Partial<ReleaseRecordInput> = {}): Release {
  return releaseRecord(recordInput(overrides));
}

/** A valid iac/release@1 record written out by hand, independent of releaseRecord. */
export function sampleRelease(): Release {
  return {
    schema: 'iac/release@1',
    producer: { action: 'tf-apply', version: '0.1.0' },
    environment: 'staging',
    commit: COMMIT,
    ref: 'refs/heads/main',
    runId: RUN_ID,
    runAttempt: 1,
    createdAt: CREATED_AT,
    image: {
      id: 'ami-0c55b159cbfafe1f0',
      name: 'web-base',
      buildMetadataSha256: sha256('build-metadata.json'),
      templateHash: `sha256:${sha256('template web-base')}`,
    },
    stacks: [
      {
        stack: 'network',
        planDigest: `sha256:${sha256('digest network')}`,
        workingDirectory: 'infra/network',
        workspace: 'default',
        varFiles: [{ path: 'infra/staging.tfvars', sha256: STAGING_TFVARS }],
        backend: { type: 's3', bucket: 'acme-tfstate', key: 'staging/network.tfstate', region: 'eu-west-1' },
      },
      {
        stack: 'vms',
        planDigest: `sha256:${sha256('digest vms')}`,
        workingDirectory: 'infra/vms',
        workspace: 'default',
        varFiles: [
          { path: 'infra/staging.tfvars', sha256: STAGING_TFVARS },
          { path: 'infra/vms/staging.tfvars', sha256: VMS_TFVARS },
        ],
        smoke: {
          resultsSha256: sha256('results.json'),
          passed: 21,
          failed: 1,
          notRun: 1,
          total: 22,
          failedStep: false,
          byCategory: {
            connectivity: { passed: 6, failed: 0, notRun: 0, total: 6 },
            service: { passed: 7, failed: 1, notRun: 1, total: 8 },
            security: { passed: 4, failed: 0, notRun: 0, total: 4 },
            functionality: { passed: 4, failed: 0, notRun: 0, total: 4 },
          },
        },
      },
    ],
    outcome: 'success',
  };
}

/** The run of the release steps: its runner temp is `runnerTemp`, its commit `sha`. */
export function runContext(runnerTemp: string, overrides: Partial<RunContext> = {}): RunContext {
  return {
    owner: 'acme',
    repo: 'infra',
    runId: 9000,
    runAttempt: 1,
    sha: COMMIT,
    ref: 'refs/heads/main',
    eventName: 'workflow_dispatch',
    eventPath: undefined,
    actor: 'octocat',
    triggeringActor: 'octocat',
    workspace: runnerTemp,
    runnerTemp,
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runUrl: 'https://github.com/acme/infra/actions/runs/9000',
    ...overrides,
  };
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error';

interface StoredDeployment extends DeploymentRecord {
  environment: string;
  description: string;
  /** Oldest first, as they were set. */
  statuses: Array<{ state: string; created_at: string; description: string }>;
}

/**
 * The repository's deployments in memory, as the deployments API reads and writes them: listed newest
 * first, statuses newest first, payloads stored as JSON (what GitHub keeps is a copy). Writes take
 * their times from `clock`; `seed` gives a deployment and its statuses the times a test names.
 */
export function memoryDeployments(clock: () => Date) {
  const stored: StoredDeployment[] = [];
  const writes: string[] = [];
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const record = (d: StoredDeployment): DeploymentRecord => ({
    id: d.id,
    sha: d.sha,
    created_at: d.created_at,
    payload: copy(d.payload),
    environment: d.environment,
  });
  const find = (id: number) => {
    const found = stored.find((d) => d.id === id);
    // As deploymentsApi answers GitHub's 404.
    if (!found) throw new ConfigurationError(`Deployment ${id} does not exist in acme/infra`);
    return found;
  };
  const api: DeploymentsApi = {
    async list(environment) {
      return stored
        .filter((d) => d.environment === environment)
        .sort((a, b) => b.id - a.id)
        .map(record);
    },
    async get(id) {
      return record(find(id));
    },
    async statuses(id) {
      return find(id)
        .statuses.map(({ state, created_at }) => ({ state, created_at }))
        .reverse();
    },
    async create({ ref, environment, description, payload }) {
      const id = stored.length + 1;
      stored.push({
        id,
        sha: ref,
        created_at: clock().toISOString(),
        payload: copy(payload),
        environment,
        description,
        statuses: [],
      });
      writes.push(`create ${id} ${environment}`);
      return id;
    },
    async setStatus(id, state, description) {
      find(id).statuses.push({ state, created_at: clock().toISOString(), description });
      writes.push(`status ${id} ${state}`);
    },
  };
  return {
    api,
    /** What the step wrote, in order: `create 4 prod`, `status 4 in_progress`. */
    writes,
    deployment: (id: number) => find(id),
    /** A deployment made before the test: `states` are `[state, ISO time]`, oldest first. */
    seed(
      environment: string,
      payload: unknown,
      states: Array<[DeploymentState, string]>,
      createdAt = states[0]?.[1] ?? CREATED_AT,
    ): number {
      const id = stored.length + 1;
      stored.push({
        id,
        sha: COMMIT,
        created_at: createdAt,
        payload: copy(payload),
        environment,
        description: '',
        statuses: states.map(([state, at]) => ({ state, created_at: at, description: '' })),
      });
      return id;
    },
  };
}

/** A clock that starts at `start` and moves one second on at each reading. */
export function tickingClock(start: string): () => Date {
  let at = Date.parse(start);
  return () => new Date((at += 1000));
}
