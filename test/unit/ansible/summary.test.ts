import { describe, expect, it } from '@jest/globals';
import { ANSIBLE_RESULTS_SCHEMA, type AnsibleResults } from '../../../src/ansible/results.js';
import { ansibleSummaryMarkdown } from '../../../src/ansible/summary.js';

const recap = (changed: number, failed = 0, unreachable = 0) => ({
  ok: 2,
  changed,
  unreachable,
  failed,
  skipped: 0,
  rescued: 0,
  ignored: 0,
});

function results(overrides: Partial<AnsibleResults> = {}): AnsibleResults {
  return {
    schema: ANSIBLE_RESULTS_SCHEMA,
    producer: { action: 'ansible-configure', version: '0.1.0' },
    stack: 'infra',
    playbook: 'ansible/site.yml',
    inventory: 'artifact iac-inventory-infra',
    commit: 'a'.repeat(40),
    ref: 'refs/heads/main',
    runId: 7,
    runAttempt: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    ansibleVersion: '2.14.18',
    check: false,
    diff: false,
    tags: [],
    exitCode: 0,
    durationSeconds: 12.3,
    timings: { wait: 1 },
    recap: { 'web-1': recap(1), 'web-2': recap(0) },
    changed: true,
    failedHosts: [],
    unreachableHosts: [],
    failures: [],
    changes: [],
    unreachable: {},
    facts: { 'web-1': { os: 'Debian 12.11', kernel: '6.1.0', python: '3.11.2' } },
    waited: {},
    unmatchedPlays: [],
    ...overrides,
  };
}

const RUN_URL = 'https://github.com/o/r/actions/runs/7';

describe('ansibleSummaryMarkdown', () => {
  it('shows the recap with each host’s facts', () => {
    const markdown = ansibleSummaryMarkdown(results(), RUN_URL);
    expect(markdown).toContain('## Ansible: `ansible/site.yml` on `infra`');
    expect(markdown).toContain('**Configured 2 hosts**, 1 changed.');
    expect(markdown).toContain('| `web-1` | 2 | 1 | 0 | 0 | 0 | 0 | 0 | Debian 12.11 | 6.1.0 | 3.11.2 |');
    expect(markdown).toContain('| `web-2` | 2 | 0 | 0 | 0 | 0 | 0 | 0 |  |  |  |');
    expect(markdown).toContain('ansible-core 2.14.18');
    expect(markdown).toContain(`[run](${RUN_URL})`);
  });

  it('is a preview in check mode: what would change, with each diff fenced safely', () => {
    const diff = '--- before\n+++ after\n@@ -0,0 +1 @@\n+uses ``` inside\n';
    const markdown = ansibleSummaryMarkdown(
      results({
        check: true,
        diff: true,
        changes: [
          { host: 'web-1', task: 'Write <motd>', play: 'web', path: 'ansible/site.yml:4', diff },
          { host: 'web-1', task: 'Restart', play: 'web', path: 'ansible/site.yml:9' },
        ],
      }),
      RUN_URL,
    );
    expect(markdown).toContain('## Ansible preview (check mode)');
    expect(markdown).toContain('**1 of 2 hosts would change.** Nothing was changed');
    expect(markdown).toContain('| host | ok | would change |');
    expect(markdown).toContain(
      '<details><summary><code>web-1</code> · Write &lt;motd&gt; (<code>ansible/site.yml:4</code>)</summary>',
    );
    expect(markdown).toContain('````diff\n--- before');
    expect(markdown).toContain('+uses ``` inside\n````');
    expect(markdown).toContain('- <code>web-1</code> · Restart');
  });

  it('leads with what failed, and lists failed tasks and unreachable hosts', () => {
    const markdown = ansibleSummaryMarkdown(
      results({
        recap: { 'web-1': recap(0), 'web-2': recap(0, 1), 'web-3': recap(0, 0, 1) },
        failedHosts: ['web-2'],
        unreachableHosts: ['web-3'],
        failures: [
          {
            host: 'web-2',
            task: 'Check | disk',
            play: 'web',
            path: 'ansible/site.yml:15',
            message: 'too *small*',
          },
        ],
        unreachable: { 'web-3': 'Connection refused' },
      }),
      RUN_URL,
    );
    expect(markdown).toContain(':x: **Failed on web-2; could not reach web-3.**');
    expect(markdown).toContain('- `web-2` · **Check \\| disk** (`ansible/site.yml:15`): too \\*small\\*');
    expect(markdown).toContain('- `web-3`: Connection refused');
    expect(markdown).toContain('| :x: `web-2` |');
  });

  it('stays bounded however many changes and diffs there are', () => {
    const changes = Array.from({ length: 500 }, (_, i) => ({
      host: `web-${i}`,
      task: 'Write',
      play: 'web',
      path: 'site.yml:1',
      diff: `+${'x'.repeat(20_000)}\n`,
    }));
    const markdown = ansibleSummaryMarkdown(results({ check: true, changes }), RUN_URL);
    expect(markdown.length).toBeLessThan(400_000);
    expect(markdown).toContain('… and 400 more in results.json');
    expect(markdown).toContain('(cut; the full diff is in the log)');
  });
});
