import { describe, expect, it } from '@jest/globals';
import { parseEvents, summarizeEvents, totalsOf } from '../../../src/ansible/events.js';

const task = (host: string, name: string, line: number) => ({
  host,
  task: name,
  action: 'ansible.builtin.copy',
  play: 'web',
  path: `/work/site.yml:${line}`,
});
const stats = (hosts: Record<string, Partial<Record<string, number>>>) => ({
  event: 'stats',
  hosts: Object.fromEntries(
    Object.entries(hosts).map(([host, s]) => [
      host,
      { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0, ...s },
    ]),
  ),
});
const lines = (...events: unknown[]) => events.map((event) => JSON.stringify(event)).join('\n');

describe('parseEvents', () => {
  it('skips lines that are not events: a torn last line, an unknown event, a warning', () => {
    const text = [
      lines({ event: 'start', ansible_version: '2.14.18' }, { event: 'from_a_newer_callback', x: 1 }),
      '[WARNING]: something',
      '{"event": "result", "host": "web-1", "sta',
    ].join('\n');
    expect(parseEvents(text)).toEqual([{ event: 'start', ansible_version: '2.14.18' }]);
  });
});

describe('summarizeEvents', () => {
  it('keeps the recap, and pairs each diff with the changed result that follows it', () => {
    const outcome = summarizeEvents(
      parseEvents(
        lines(
          { event: 'start', ansible_version: '2.14.18' },
          { event: 'diff', ...task('web-1', 'motd', 4), diff: '+hello\n' },
          { event: 'result', status: 'changed', ...task('web-1', 'motd', 4) },
          { event: 'result', status: 'changed', ...task('web-2', 'motd', 4) },
          { event: 'result', status: 'ok', ...task('web-1', 'other', 9) },
          stats({ 'web-1': { ok: 2, changed: 1 }, 'web-2': { ok: 1, changed: 1 } }),
        ),
      ),
    );
    expect(outcome.ansibleVersion).toBe('2.14.18');
    expect(outcome.finished).toBe(true);
    expect(outcome.hosts).toEqual(['web-1', 'web-2']);
    expect(outcome.changes).toEqual(
      [{ ...task('web-1', 'motd', 4), diff: '+hello\n' }, { ...task('web-2', 'motd', 4) }].map(
        ({ action: _, ...change }) => change,
      ),
    );
    expect(totalsOf(outcome.recap)).toEqual({
      hosts: 2,
      changed: true,
      failedHosts: [],
      unreachableHosts: [],
    });
  });

  it('counts a failure only when the recap does: ignored and rescued ones are not failed tasks', () => {
    const outcome = summarizeEvents(
      parseEvents(
        lines(
          {
            event: 'result',
            status: 'failed',
            ignored: true,
            ...task('web-1', 'optional', 3),
            message: 'meh',
          },
          { event: 'result', status: 'failed', ...task('web-1', 'rescued', 5), message: 'caught' },
          {
            event: 'result',
            status: 'failed',
            ...task('web-2', 'real', 7),
            message: 'disk too small',
            rc: 2,
          },
          { event: 'result', status: 'failed', ...task('web-2', 'silent', 8), rc: 3 },
          stats({ 'web-1': { ok: 1, rescued: 1, ignored: 1 }, 'web-2': { failed: 2 } }),
        ),
      ),
    );
    expect(outcome.failures.map((f) => [f.host, f.task, f.message])).toEqual([
      ['web-2', 'real', 'disk too small'],
      ['web-2', 'silent', 'exited with code 3'],
    ]);
    expect(totalsOf(outcome.recap).failedHosts).toEqual(['web-2']);
  });

  it('records why a host was unreachable, and the facts of the hosts that answered', () => {
    const outcome = summarizeEvents(
      parseEvents(
        lines(
          {
            event: 'result',
            status: 'unreachable',
            ...task('web-3', 'Gathering Facts', 1),
            message: 'Connection refused',
          },
          {
            event: 'result',
            status: 'ok',
            ...task('web-1', 'Gathering Facts', 1),
            action: 'gather_facts',
            facts: {
              ansible_distribution: 'Debian',
              ansible_distribution_version: '12.11',
              ansible_kernel: '6.1.0',
              ansible_python_version: '3.11.2',
            },
          },
          { event: 'play', play: 'db', pattern: 'db' },
          { event: 'no_hosts_matched', play: 'db', pattern: 'db' },
          stats({ 'web-1': { ok: 1 }, 'web-3': { unreachable: 1 } }),
        ),
      ),
    );
    expect(outcome.unreachable).toEqual({ 'web-3': 'Connection refused' });
    expect(outcome.facts).toEqual({ 'web-1': { os: 'Debian 12.11', kernel: '6.1.0', python: '3.11.2' } });
    expect(outcome.unmatchedPlays).toEqual([{ play: 'db', pattern: 'db' }]);
    expect(totalsOf(outcome.recap).unreachableHosts).toEqual(['web-3']);
  });

  it('says the run did not finish when there is no recap', () => {
    const outcome = summarizeEvents(parseEvents(lines({ event: 'start', ansible_version: '2.14.18' })));
    expect(outcome.finished).toBe(false);
    expect(outcome.recap).toEqual({});
  });
});
