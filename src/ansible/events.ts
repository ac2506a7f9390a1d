import { z } from 'zod';

/**
 * The events the iac_events callback writes (one JSON object a line), read back into what the action
 * reports: the recap, the failures, what changed (or would change), and a few facts per host.
 */

const text = z.string().catch('');
const count = z.number().int().nonnegative().catch(0);

const taskFields = {
  host: z.string(),
  task: text,
  action: text,
  play: text,
  /** `file:line` of the task, as Ansible gives it (absolute). */
  path: text,
};

const startEvent = z.object({ event: z.literal('start'), ansible_version: text });
const playEvent = z.object({
  event: z.literal('play'),
  play: text,
  pattern: text,
  /** When the play started, in seconds since the epoch. */
  at: z.number().optional(),
});
const noHostsEvent = z.object({ event: z.literal('no_hosts_matched'), play: text, pattern: text });
const resultEvent = z.object({
  event: z.literal('result'),
  ...taskFields,
  status: z.enum(['ok', 'changed', 'failed', 'unreachable', 'skipped']),
  ignored: z.boolean().optional(),
  message: z.string().optional(),
  stderr: z.string().optional(),
  stdout: z.string().optional(),
  rc: z.number().optional(),
  facts: z.record(z.string(), z.string()).optional(),
});
const diffEvent = z.object({ event: z.literal('diff'), ...taskFields, diff: z.string() });
const hostStats = z.object({
  ok: count,
  changed: count,
  unreachable: count,
  failed: count,
  skipped: count,
  rescued: count,
  ignored: count,
});
const statsEvent = z.object({ event: z.literal('stats'), hosts: z.record(z.string(), hostStats) });

const eventSchema = z.discriminatedUnion('event', [
  startEvent,
  playEvent,
  noHostsEvent,
  resultEvent,
  diffEvent,
  statsEvent,
]);

export type AnsibleEvent = z.output<typeof eventSchema>;
export type ResultEvent = z.output<typeof resultEvent>;
/** One host's line of the PLAY RECAP. */
export type HostRecap = z.output<typeof hostStats>;

/**
 * Parses the events file. A line that is not one of our events (a half-written last line after a
 * crash, an event of a newer callback) is skipped: the events are a report, not a contract to refuse.
 */
export function parseEvents(content: string): AnsibleEvent[] {
  const events: AnsibleEvent[] = [];
  for (const line of content.split('\n')) {
    if (!line.startsWith('{')) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = eventSchema.safeParse(value);
    if (parsed.success) events.push(parsed.data);
  }
  return events;
}

export interface TaskRef {
  host: string;
  task: string;
  play: string;
  /** `file:line` as Ansible gives it. */
  path: string;
}

export interface TaskFailure extends TaskRef {
  message: string;
  stderr?: string;
  rc?: number;
}

export interface TaskChange extends TaskRef {
  /** The unified diff, when the run had `diff` on and the module reports one. */
  diff?: string;
}

export interface HostFacts {
  os?: string;
  family?: string;
  kernel?: string;
  architecture?: string;
  python?: string;
}

export interface PlaybookOutcome {
  ansibleVersion?: string;
  /** Per host, from the callback's stats event; empty when the run stopped before the recap. */
  recap: Record<string, HostRecap>;
  /** Whether the run got as far as the recap. */
  finished: boolean;
  /** Failed tasks that count: not ignored, and on hosts the recap still counts as failed. */
  failures: TaskFailure[];
  /** Why each unreachable host could not be reached (the last message). */
  unreachable: Record<string, string>;
  /** Tasks that changed a host (or, in check mode, would change it), with their diffs. */
  changes: TaskChange[];
  facts: Record<string, HostFacts>;
  /** Every play that started, by name. */
  plays: string[];
  /** Plays whose `hosts` pattern matched no host: Ansible skips them and still succeeds. */
  unmatchedPlays: Array<{ play: string; pattern: string }>;
  /** Every host that reported a result, in order of first appearance. */
  hosts: string[];
}

function ref(event: { host: string; task: string; play: string; path: string }): TaskRef {
  return { host: event.host, task: event.task, play: event.play, path: event.path };
}

export function factsOf(facts: Record<string, string>): HostFacts {
  const os = [facts.ansible_distribution, facts.ansible_distribution_version].filter(Boolean).join(' ');
  const result: HostFacts = {};
  if (os) result.os = os;
  if (facts.ansible_os_family) result.family = facts.ansible_os_family;
  if (facts.ansible_kernel) result.kernel = facts.ansible_kernel;
  if (facts.ansible_architecture) result.architecture = facts.ansible_architecture;
  if (facts.ansible_python_version) result.python = facts.ansible_python_version;
  return result;
}

/** Folds the events of one ansible or ansible-playbook run into its outcome. */
export function summarizeEvents(events: readonly AnsibleEvent[]): PlaybookOutcome {
  const outcome: PlaybookOutcome = {
    recap: {},
    finished: false,
    failures: [],
    unreachable: {},
    changes: [],
    facts: {},
    plays: [],
    unmatchedPlays: [],
    hosts: [],
  };
  const seen = new Set<string>();
  // Diffs arrive just before their result; kept by host and task until the result says "changed".
  const diffs = new Map<string, string[]>();
  for (const event of events) {
    switch (event.event) {
      case 'start':
        outcome.ansibleVersion = event.ansible_version;
        break;
      case 'no_hosts_matched':
        outcome.unmatchedPlays.push({ play: event.play, pattern: event.pattern });
        break;
      case 'diff': {
        const key = `${event.host}\u0000${event.path}\u0000${event.task}`;
        diffs.set(key, [...(diffs.get(key) ?? []), event.diff]);
        break;
      }
      case 'stats':
        outcome.recap = event.hosts;
        outcome.finished = true;
        break;
      case 'result':
        if (!seen.has(event.host)) {
          seen.add(event.host);
          outcome.hosts.push(event.host);
        }
        recordResult(outcome, event, diffs);
        break;
      case 'play':
        outcome.plays.push(event.play);
        break;
    }
  }
  for (const host of Object.keys(outcome.recap)) {
    if (!seen.has(host)) outcome.hosts.push(host);
  }
  // A failure the play rescued (or a host the recap does not count as failed) is not a failed task.
  if (outcome.finished) {
    outcome.failures = outcome.failures.filter((f) => (outcome.recap[f.host]?.failed ?? 0) > 0);
  }
  return outcome;
}

function recordResult(outcome: PlaybookOutcome, event: ResultEvent, diffs: Map<string, string[]>): void {
  if (event.facts && (event.status === 'ok' || event.status === 'changed')) {
    outcome.facts[event.host] = { ...outcome.facts[event.host], ...factsOf(event.facts) };
  }
  if (event.status === 'changed') {
    const key = `${event.host}\u0000${event.path}\u0000${event.task}`;
    const found = diffs.get(key);
    diffs.delete(key);
    outcome.changes.push({ ...ref(event), ...(found ? { diff: found.join('\n') } : {}) });
  }
  if (event.status === 'unreachable') {
    outcome.unreachable[event.host] = event.message || 'unreachable';
  }
  if (event.status === 'failed' && !event.ignored) {
    outcome.failures.push({
      ...ref(event),
      message: event.message || (event.rc !== undefined ? `exited with code ${event.rc}` : 'failed'),
      ...(event.stderr ? { stderr: event.stderr } : {}),
      ...(event.rc !== undefined ? { rc: event.rc } : {}),
    });
  }
}

export interface Totals {
  hosts: number;
  changed: boolean;
  failedHosts: string[];
  unreachableHosts: string[];
}

/** The outputs' view of a recap: which hosts failed, which could not be reached, whether any changed. */
export function totalsOf(recap: Record<string, HostRecap>): Totals {
  const hosts = Object.keys(recap).sort();
  return {
    hosts: hosts.length,
    changed: hosts.some((host) => (recap[host]?.changed ?? 0) > 0),
    failedHosts: hosts.filter((host) => (recap[host]?.failed ?? 0) > 0),
    unreachableHosts: hosts.filter((host) => (recap[host]?.unreachable ?? 0) > 0),
  };
}
