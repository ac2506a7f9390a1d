// smoke-test at scale, through the runner harness: N checks (tcp and http against a local server,
// ssh-command on two test-bed hosts) with the default concurrency of 16; prints the step's wall time,
// the time the checks took (results.json) and the most checks under way at once.
// Usage: npm run bench:smoke -- [checks=500]     (builds dist/ first when it is missing or stale)
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { stringify } from 'yaml';
import { startResultsService } from '../test/support/results-service.ts';
import { WorkflowRun } from '../test/support/runner/runner.ts';
import { startSshHosts } from '../test/support/ssh-hosts.ts';
import { prepareDist } from './prepare.mjs';

// smoke-test runs from dist/.
prepareDist();

const total = Number(process.argv[2] ?? 500);
const server = http.createServer((_request, response) => response.end('ok'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const results = await startResultsService();
const hosts = await startSshHosts([
  { name: 'web-1', groups: ['web'] },
  { name: 'web-2', groups: ['web'] },
]);
try {
  const sshChecks = 10;
  const checks = Array.from({ length: total - sshChecks * 2 }, (_, i) =>
    i % 2
      ? { name: `tcp ${i}`, kind: 'tcp', category: 'connectivity', host: '127.0.0.1', port }
      : {
          name: `http ${i}`,
          kind: 'http',
          category: 'service',
          url: `http://127.0.0.1:${port}/${i}`,
          body: 'ok',
        },
  );
  for (let i = 0; i < sshChecks; i++) {
    checks.push({
      name: `ssh ${i}`,
      kind: 'ssh-command',
      category: 'functionality',
      group: 'web',
      command: 'true',
    } as never);
  }
  const inventory = stringify({
    all: {
      children: {
        web: {
          hosts: Object.fromEntries(
            ['web-1', 'web-2'].map((name) => [
              name,
              {
                ansible_host: '127.0.0.1',
                ansible_port: hosts.host(name).port,
                ansible_user: os.userInfo().username,
              },
            ]),
          ),
        },
      },
    },
  });
  const run = new WorkflowRun({ results });
  const job = await run.job('smoke');
  await job.writeFile('smoke.yml', stringify({ ssh: { 'known-hosts': 'known_hosts' }, checks }));
  await job.writeFile('known_hosts', await readFile(hosts.knownHostsPath, 'utf8'));
  const started = Date.now();
  const step = await job.step('smoke-test', {
    with: { checks: 'smoke.yml', stack: 'bench', inventory, 'private-key': hosts.privateKey },
  });
  const wall = Date.now() - started;
  const document = JSON.parse(await readFile(step.outputs['results-path'] ?? '', 'utf8')) as {
    durationSeconds: number;
    maxInFlight: number;
    totals: { passed: number; total: number };
  };
  console.log(
    `${document.totals.total} checks (${document.totals.passed} passed), concurrency 16: ` +
      `step ${(wall / 1000).toFixed(1)} s, checks ${document.durationSeconds} s, at most ${document.maxInFlight} at once`,
  );
  await run.cleanup();
} finally {
  server.close();
  await Promise.all([results.close(), hosts.close()]);
}
