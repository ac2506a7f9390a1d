import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { sha256File } from '../../src/contracts/digest.js';
import { readSmokeManifest, readSmokeResults, type SmokeResults } from '../../src/contracts/smoke.js';
import { renderInventory, toAnsibleInventory } from '../../src/terraform/inventory.js';
import { startResultsService, type ResultsService } from '../support/results-service.js';
import { WorkflowRun, type Job, type StepResult } from '../support/runner/runner.js';
import { startSshHosts, type SshHosts } from '../support/ssh-hosts.js';
import { repoRoot } from '../support/tools.js';

/**
 * smoke-test run as the runner runs it, against real targets on loopback: sshd hosts from the test bed
 * (published to the job as tf-apply's inventory artifact), an HTTP and an HTTPS server started here
 * (the HTTPS one with a self-signed certificate made by openssl for this run), the system resolver,
 * and local commands. The JUnit XML is validated with xmllint against the Apache Ant JUnit schema.
 */
const run = promisify(execFile);
const user = os.userInfo().username;

let results: ResultsService;
let hosts: SshHosts;
let dir: string;
let certPem: string;
let httpServer: http.Server;
let httpsServer: https.Server;
let httpPort: number;
let httpsPort: number;
let junitXsd: string;
const runs: WorkflowRun[] = [];
/** Requests to /slow under way now, and the most at once since the last reset. */
const slow = { inFlight: 0, max: 0 };

function handler(request: http.IncomingMessage, response: http.ServerResponse): void {
  if (request.url?.startsWith('/slow')) {
    slow.inFlight++;
    slow.max = Math.max(slow.max, slow.inFlight);
    setTimeout(() => {
      slow.inFlight--;
      response.end('slow ok');
    }, 250);
    return;
  }
  if (request.url === '/health') {
    response.setHeader('x-app', 'smoke-bed');
    response.end('{"status": "ok"}');
    return;
  }
  response.statusCode = 404;
  response.end('not found');
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The Apache Ant JUnit schema (windyroad JUnit.xsd, Apache-2.0), as the npm package junit-xml ships it
 * in its test source: the published schema, reached through the registry rather than copied here.
 */
async function antJunitSchema(): Promise<string> {
  const source = await readFile(join(repoRoot, 'node_modules', 'junit-xml', 'src', 'index.test.ts'), 'utf8');
  const literal = /const antJunitSchema = '((?:[^'\\]|\\.)*)';/.exec(source)?.[1];
  if (!literal) throw new Error('junit-xml no longer ships the Ant JUnit schema where expected');
  const path = join(dir, 'JUnit.xsd');
  await writeFile(path, literal.replace(/\\(.)/g, '$1'));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smoke-test-e2e-'));
  [results, hosts] = await Promise.all([
    startResultsService(),
    startSshHosts([
      { name: 'web-1', groups: ['web'] },
      { name: 'web-2', groups: ['web'] },
    ]),
  ]);
  // A 30-day self-signed certificate for localhost and 127.0.0.1, made for this run.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
    '-days',
    '30',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  certPem = await readFile(join(dir, 'cert.pem'), 'utf8');
  httpServer = http.createServer(handler);
  httpsServer = https.createServer({ key: await readFile(join(dir, 'key.pem')), cert: certPem }, handler);
  [httpPort, httpsPort] = await Promise.all([listen(httpServer), listen(httpsServer)]);
  junitXsd = await antJunitSchema();
}, 60_000);

afterAll(async () => {
  for (const workflow of runs) await workflow.cleanup();
  httpServer?.closeAllConnections();
  httpsServer?.closeAllConnections();
  await Promise.all([
    results?.close(),
    hosts?.close(),
    new Promise((resolve) => httpServer?.close(resolve)),
    new Promise((resolve) => httpsServer?.close(resolve)),
  ]);
  await rm(dir, { recursive: true, force: true });
});

function newRun(): WorkflowRun {
  const workflow = new WorkflowRun({ results });
  runs.push(workflow);
  return workflow;
}

/** An "apply" job that publishes the web hosts' inventory exactly as tf-apply renders it. */
async function publishInventory(workflow: WorkflowRun): Promise<void> {
  const job = await workflow.job('apply');
  const inventory = ['web-1', 'web-2'].map((name) => ({
    name,
    host: '127.0.0.1',
    groups: ['web'],
    vars: { ansible_port: hosts.host(name).port, ansible_user: user },
  }));
  await job.writeFile('inventory.yml', renderInventory(toAnsibleInventory(inventory)));
  const step = await job.step('probe:artifact', {
    with: { mode: 'upload', name: 'iac-inventory-web', path: 'inventory.yml' },
  });
  expect(step.exitCode).toBe(0);
}

async function smokeJob(workflow: WorkflowRun, checks: unknown): Promise<Job> {
  const job = await workflow.job('smoke');
  await job.writeFile('smoke.yml', typeof checks === 'string' ? checks : stringify(checks));
  await job.writeFile('tls/ca.pem', certPem);
  await job.writeFile('known_hosts', await readFile(hosts.knownHostsPath, 'utf8'));
  return job;
}

function smoke(job: Job, given: Record<string, string> = {}): Promise<StepResult> {
  return job.step('smoke-test', {
    with: { checks: 'smoke.yml', stack: 'web', 'retry-delay-seconds': '0.2', ...given },
    timeoutMs: 60_000,
  });
}

async function resultsOf(step: StepResult): Promise<SmokeResults> {
  return readSmokeResults(await readFile(step.outputs['results-path'] ?? '', 'utf8'));
}

async function expectValidJunit(path: string): Promise<string> {
  // xmllint exits non-zero, naming the element, on any schema violation.
  const { stderr } = await run('xmllint', ['--noout', '--schema', junitXsd, path]);
  expect(stderr).toContain('validates');
  return readFile(path, 'utf8');
}

/** Every file of an artifact, downloaded in a job of its own. */
async function artifactFiles(workflow: WorkflowRun, name: string): Promise<Record<string, string>> {
  const job = await workflow.job('inspect');
  const step = await job.step('probe:artifact', { with: { mode: 'download', name, path: 'got' } });
  expect(step.exitCode).toBe(0);
  const files: Record<string, string> = {};
  for (const entry of await readdir(join(job.workspace, 'got'))) {
    files[entry] = await readFile(join(job.workspace, 'got', entry), 'utf8');
  }
  return files;
}

function keyLines(): string[] {
  return hosts.privateKey
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 8 && !line.startsWith('-----'));
}

const tls = { 'ca-file': 'tls/ca.pem' };

/** Resolves once the smoke-test step has made its scratch directory, just before its checks start. */
async function whenStarted(job: Job): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 25) {
    const entries = existsSync(job.runnerTemp) ? await readdir(job.runnerTemp) : [];
    if (entries.some((entry) => entry.startsWith('iac-smoke-web-'))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the smoke-test step never started its checks');
}

describe('smoke-test against the test bed', () => {
  it('passes every kind of check, reads the inventory artifact, and writes valid JUnit XML', async () => {
    const workflow = newRun();
    await publishInventory(workflow);
    const job = await smokeJob(workflow, {
      ssh: { 'known-hosts': 'known_hosts' },
      checks: [
        { name: 'web port open', kind: 'tcp', category: 'connectivity', host: '127.0.0.1', port: httpPort },
        {
          name: 'health answers',
          kind: 'http',
          category: 'service',
          tags: ['api'],
          url: `http://127.0.0.1:${httpPort}/health`,
          body: '"status": "ok"',
          headers: { 'X-App': '^smoke-bed$' },
        },
        {
          name: 'health over TLS',
          kind: 'http',
          category: 'security',
          url: `https://localhost:${httpsPort}/health`,
          ...tls,
        },
        {
          name: 'host names itself',
          kind: 'ssh-command',
          category: 'functionality',
          group: 'web',
          command: 'echo "I am $IAC_HOST_NAME"',
          output: '^I am web-\\d$',
        },
        {
          name: 'uname works',
          kind: 'command',
          category: 'functionality',
          command: ['uname', '-s'],
          output: 'Linux',
        },
        {
          name: 'localhost resolves',
          kind: 'dns',
          category: 'connectivity',
          host: 'localhost',
          addresses: ['127.0.0.1'],
        },
        {
          name: 'certificate lasts',
          kind: 'tls-cert',
          category: 'security',
          host: '127.0.0.1',
          port: httpsPort,
          'min-days': 20,
          ...tls,
        },
      ],
    });
    const step = await smoke(job, { 'private-key': hosts.privateKey, 'junit-path': 'reports/smoke.xml' });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);
    expect(step.outputs).toMatchObject({ passed: '8', failed: '0', total: '8' });
    expect(step.outputs['junit-path']).toBe(join(job.workspace, 'reports', 'smoke.xml'));
    expect(step.log).toMatch(/✓ host names itself \[web-2\] \(ssh 127\.0\.0\.1:\d+\): exit 0/);

    const document = await resultsOf(step);
    expect(document).toMatchObject({
      stack: 'web',
      checksFile: 'smoke.yml',
      inventory: 'artifact iac-inventory-web',
      totals: { passed: 8, failed: 0, total: 8 },
      byCategory: {
        connectivity: { passed: 2, total: 2 },
        service: { passed: 1, total: 1 },
        security: { passed: 2, total: 2 },
        functionality: { passed: 3, total: 3 },
      },
      failedStep: false,
    });
    expect(document.checks.map((c) => c.id)).toContain('host names itself [web-1]');
    expect(document.checks.find((c) => c.kind === 'tls-cert')?.message).toMatch(/^expires in (29|30) days$/);
    expect(document.checks.find((c) => c.kind === 'dns')?.message).toContain('127.0.0.1');

    const junit = await expectValidJunit(step.outputs['junit-path'] ?? '');
    expect(junit).toContain('<testsuite name="smoke-web-connectivity" package="smoke.web" id="0"');
    expect(junit).toMatch(
      /<testcase name="health answers" classname="smoke\.web\.service\.http" time="[\d.]+"\/>/,
    );
    expect(junit).not.toContain('<failure');

    expect(step.summary).toContain('Smoke tests of `web`: 8 of 8 passed');
    expect(step.summary).toContain('| functionality | 3 | 0 | 3 |');

    const files = await artifactFiles(workflow, 'iac-smoke-web');
    expect(Object.keys(files).sort()).toEqual(['junit.xml', 'manifest.json', 'results.json']);
    const manifest = readSmokeManifest(files['manifest.json']);
    expect(manifest).toMatchObject({
      schema: 'iac/smoke@1',
      stack: 'web',
      producer: { action: 'smoke-test' },
    });
    expect(manifest.files['junit.xml']).toBe(await sha256File(step.outputs['junit-path'] ?? ''));
    expect(files['junit.xml']).toBe(junit);

    // The key was masked, written only for the checks, and removed; it appears nowhere a person can read.
    expect(step.masks).toContain(hosts.privateKey.trim());
    const secretsDir = step.state['secrets-dir'] ?? '';
    expect(secretsDir).toMatch(new RegExp(`^${job.runnerTemp}/iac-smoke-secrets-`));
    expect(existsSync(secretsDir)).toBe(false);
    const posts = await job.complete();
    expect(posts.map((p) => p.exitCode)).toEqual([0]);
    for (const text of [step.rawLog, step.summary, JSON.stringify(step.outputs), ...Object.values(files)]) {
      for (const line of keyLines()) expect(text).not.toContain(line);
    }
  });

  it('fails every kind of check that should fail, with an annotation at its line', async () => {
    const workflow = newRun();
    const closed = await closedPort();
    const job = await smokeJob(workflow, {
      ssh: { 'known-hosts': 'known_hosts' },
      checks: [
        { name: 'closed port', kind: 'tcp', category: 'connectivity', host: '127.0.0.1', port: closed },
        { name: 'missing page', kind: 'http', category: 'service', url: `http://127.0.0.1:${httpPort}/nope` },
        {
          name: 'wrong body',
          kind: 'http',
          category: 'service',
          url: `http://127.0.0.1:${httpPort}/health`,
          body: 'degraded',
        },
        {
          name: 'untrusted TLS',
          kind: 'http',
          category: 'security',
          url: `https://localhost:${httpsPort}/health`,
        },
        {
          name: 'remote exit code',
          kind: 'ssh-command',
          category: 'functionality',
          host: 'web-1',
          command: 'echo broken >&2; exit 3',
        },
        { name: 'local false', kind: 'command', category: 'functionality', command: ['false'] },
        { name: 'no such name', kind: 'dns', category: 'connectivity', host: 'no-such-host.invalid' },
        {
          name: 'certificate too short',
          kind: 'tls-cert',
          category: 'security',
          url: `https://127.0.0.1:${httpsPort}/`,
          'min-days': 60,
          ...tls,
        },
      ],
    });
    const inventory = stringify({
      all: {
        hosts: {
          'web-1': { ansible_host: '127.0.0.1', ansible_port: hosts.host('web-1').port, ansible_user: user },
        },
      },
    });
    const step = await smoke(job, { 'private-key': hosts.privateKey, inventory, retries: '0' });
    expect(step.exitCode).toBe(1);
    expect(step.outputs).toMatchObject({ passed: '0', failed: '8', total: '8' });
    expect(step.errors.at(-1)?.message).toMatch(/^8 of 8 smoke checks failed \(closed port, missing page, /);
    expect(step.rawLog).not.toMatch(/^\s+at /m);

    const byTitle = (name: string) => step.errors.find((e) => e.properties.title?.endsWith(`${name} failed`));
    expect(byTitle('closed port')?.message).toMatch(/connection refused/);
    expect(byTitle('closed port')?.properties).toMatchObject({ file: 'smoke.yml', line: '4' });
    expect(byTitle('missing page')?.message).toMatch(/answered 404, expected 200/);
    expect(byTitle('wrong body')?.message).toMatch(/does not match \/degraded\//);
    expect(byTitle('untrusted TLS')?.message).toMatch(/certificate not trusted .*self-signed/);
    expect(byTitle('remote exit code')?.message).toMatch(/exited with 3, expected 0: "broken"/);
    expect(byTitle('local false')?.message).toMatch(/false exited with 1, expected 0/);
    expect(byTitle('no such name')?.message).toMatch(/no-such-host\.invalid does not resolve/);
    expect(byTitle('certificate too short')?.message).toMatch(/expires in (29|30) days .* fewer than 60/);

    const document = await resultsOf(step);
    expect(document.checks.every((c) => c.status === 'failed' && c.attempts === 1)).toBe(true);
    expect(document.failedStep).toBe(true);
    const junit = await expectValidJunit(step.outputs['junit-path'] ?? '');
    expect(junit.match(/<failure /g)).toHaveLength(8);
    expect(step.summary).toContain('### Failed (8)');
    await job.complete();
  });

  it('passes with fail-on: threshold when enough checks pass', async () => {
    const checks = {
      checks: [
        { name: 'up', kind: 'tcp', category: 'connectivity', host: '127.0.0.1', port: httpPort },
        { name: 'down', kind: 'tcp', category: 'connectivity', host: '127.0.0.1', port: await closedPort() },
      ],
    };
    const lenient = await smoke(await smokeJob(newRun(), checks), {
      retries: '0',
      'fail-on': 'threshold',
      threshold: '50',
    });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.outputs).toMatchObject({ passed: '1', failed: '1', total: '2' });
    expect(lenient.errors.map((e) => e.properties.title)).toEqual(['Smoke connectivity: down failed']);
    // Another workflow run: an artifact name is taken once per run.
    const strict = await smoke(await smokeJob(newRun(), checks), {
      retries: '0',
      'fail-on': 'threshold',
      threshold: '75',
    });
    expect(strict.exitCode).toBe(1);
    expect(strict.errors.at(-1)?.message).toMatch(/50% passed, below the threshold of 75%/);
  });

  it('retries until a port that opens late answers', async () => {
    const workflow = newRun();
    const port = await closedPort();
    const job = await smokeJob(workflow, {
      checks: [{ name: 'late service', kind: 'tcp', category: 'service', host: '127.0.0.1', port }],
    });
    const late = net.createServer((socket) => socket.end());
    // The port opens a second after the action starts its checks (it makes its scratch directory just before).
    const opened = whenStarted(job).then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
    });
    try {
      const step = await smoke(job, { retries: '10', 'retry-delay-seconds': '0.3' });
      await opened;
      expect(step.errors).toEqual([]);
      expect(step.outputs).toMatchObject({ passed: '1', total: '1' });
      const [check] = (await resultsOf(step)).checks;
      // Tries at 0, 0.3, 0.9 and 2.1 s (the delay doubles): refused until the port opens.
      expect(check?.attempts).toBeGreaterThanOrEqual(3);
      expect(check?.durationSeconds).toBeGreaterThanOrEqual(0.8);
      expect(step.log).toMatch(/✓ late service .*\d tries/);
    } finally {
      await new Promise((resolve) => late.close(resolve));
    }
  });

  it('stops at the deadline: the check under way fails and the checks not started did not run', async () => {
    const workflow = newRun();
    const job = await smokeJob(workflow, {
      checks: [
        {
          name: 'never opens',
          kind: 'tcp',
          category: 'service',
          host: '127.0.0.1',
          port: await closedPort(),
        },
        {
          name: 'waits its turn',
          kind: 'http',
          category: 'service',
          url: `http://127.0.0.1:${httpPort}/health`,
        },
      ],
    });
    const started = Date.now();
    const step = await smoke(job, {
      concurrency: '1',
      retries: '100',
      'retry-delay-seconds': '0.2',
      'deadline-seconds': '2',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(step.exitCode).toBe(1);
    const document = await resultsOf(step);
    expect(document.deadlineReached).toBe(true);
    expect(document.durationSeconds).toBeGreaterThanOrEqual(1.9);
    expect(document.durationSeconds).toBeLessThan(3);
    const [never, waits] = document.checks;
    expect(never).toMatchObject({ status: 'failed' });
    expect(never?.message).toMatch(/connection refused \(then the deadline of 2 s passed\)/);
    expect(never?.attempts).toBeGreaterThan(2);
    expect(waits).toMatchObject({ status: 'not-run', attempts: 0 });
    const junit = await expectValidJunit(step.outputs['junit-path'] ?? '');
    expect(junit).toContain(
      '<error message="not run: the deadline passed before it could start" type="deadline">',
    );
    expect(step.summary).toContain('**reached**');
  });

  it('runs at most `concurrency` checks at once', async () => {
    const workflow = newRun();
    const checks = Array.from({ length: 12 }, (_, i) => ({
      name: `slow ${i + 1}`,
      kind: 'http',
      category: 'service',
      url: `http://127.0.0.1:${httpPort}/slow?n=${i}`,
    }));
    const job = await smokeJob(workflow, { checks });
    slow.max = 0;
    const step = await smoke(job, { concurrency: '3' });
    expect(step.errors).toEqual([]);
    expect(step.outputs['passed']).toBe('12');
    // Measured at the server: three requests at once, never four; 12 × 250 ms take at least a second.
    expect(slow.max).toBe(3);
    const document = await resultsOf(step);
    expect(document.maxInFlight).toBe(3);
    expect(document.durationSeconds).toBeGreaterThanOrEqual(1);
  });

  it('refuses a checks file with a mistake, naming its line', async () => {
    const workflow = newRun();
    const job = await smokeJob(
      workflow,
      [
        'checks:',
        '  - name: web answers',
        '    kind: tcp',
        '    category: connectivity',
        '    host: 127.0.0.1',
        '    port: eighty',
        '',
      ].join('\n'),
    );
    const step = await smoke(job);
    expect(step.exitCode).toBe(1);
    expect(step.errors.map((e) => e.message)).toEqual([
      'The checks file smoke.yml, line 6: check "web answers" (tcp): "port" must be a whole number.',
    ]);
    expect(step.rawLog).not.toMatch(/^\s+at /m);

    await job.writeFile(
      'smoke.yml',
      'checks:\n  - name: all web\n    kind: dns\n    category: service\n    group: db\n',
    );
    const unknownGroup = await smoke(job, { inventory: `127.0.0.1,` });
    expect(unknownGroup.errors.map((e) => e.message)).toEqual([
      'The checks file smoke.yml, line 2: check "all web" targets group "db", which the hosts 127.0.0.1 does not have (it has all, ungrouped).',
    ]);
  });
});
