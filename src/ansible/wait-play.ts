import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { AnsibleEvent, HostRecap, ResultEvent } from './events.js';
import { WAIT_ACTION_NAME, writeWaitAction } from './wait-action.js';

/**
 * The wait for the hosts, as the first play of the same ansible-playbook run as the user's playbook,
 * rather than an ad hoc `ansible` run before it: one Python start-up and one round of SSH connections
 * less, and the playbook is parsed (a typo found) before any host is waited for, because
 * import_playbook is static. The wrapper lives beside the playbook, so that relative paths and roles
 * resolve as they would for the playbook, and it is removed when the run ends. The wait play itself
 * is a playbook of its own in the run's scratch directory, with the wait's action plugin
 * (wait-action.ts) beside it: Ansible adds the plugin directories beside every playbook it imports,
 * so no setting of the user's is replaced and nothing is written into the checkout but the wrapper.
 * Ansible also reads group_vars and host_vars beside each imported playbook, whatever
 * PLAYBOOK_VARS_ROOT says: links to the playbook's own make the wait connect to each host as the
 * playbook will (a host made local, or given its port or user, only there).
 */
export const WAIT_PLAY_NAME = 'iac-pipeline: wait for the hosts to answer';
const WAIT_TASK_NAME = 'iac-pipeline: wait for the host to answer';

export interface WaitingPlaybook {
  /** The wrapper to give ansible-playbook instead of the playbook. */
  path: string;
  remove(): Promise<void>;
}

export async function writeWaitingPlaybook(
  playbook: string,
  timeoutSeconds: number,
  scratch: string,
): Promise<WaitingPlaybook> {
  const waitDir = join(scratch, 'wait');
  await mkdir(waitDir, { recursive: true });
  const waitPlaybook = join(waitDir, 'wait.yml');
  const wait = {
    name: WAIT_PLAY_NAME,
    hosts: 'all',
    gather_facts: false,
    // As the ad hoc wait was: without become, in check mode too, whatever tags select.
    become: false,
    tasks: [
      {
        name: WAIT_TASK_NAME,
        [WAIT_ACTION_NAME]: { timeout: timeoutSeconds },
        // A host that does not answer stays in the run: the playbook tries it once more and reports it
        // unreachable, so the recap is the playbook's and max_fail_percentage decides as written.
        ignore_errors: true,
        ignore_unreachable: true,
        check_mode: false,
        tags: ['always'],
      },
    ],
  };
  const varsDirs = ['group_vars', 'host_vars']
    .map((name) => ({ from: join(dirname(playbook), name), to: join(waitDir, name) }))
    .filter(({ from }) => existsSync(from));
  await Promise.all([
    writeWaitAction(waitDir),
    writeFile(waitPlaybook, stringify([wait])),
    ...varsDirs.map(({ from, to }) => symlink(from, to, 'dir')),
  ]);
  const path = join(dirname(playbook), `.iac-configure-${randomBytes(4).toString('hex')}.yml`);
  const plays = [{ import_playbook: waitPlaybook }, { import_playbook: basename(playbook) }];
  await writeFile(
    path,
    `# Written by iac-pipeline's ansible-configure for one run, and removed after it.\n${stringify(plays)}`,
    { flag: 'wx' },
  );
  return { path, remove: () => rm(path, { force: true }) };
}

/** One host's answer to the wait: a host that did not answer says why, in Ansible's words. */
export interface HostWait {
  answered: boolean;
  message?: string;
}

export interface SeparatedEvents {
  /** Each host the wait play ran on, in the order they answered or gave up. */
  waited: Map<string, HostWait>;
  /** The playbook's events, with the recap as if the wait had not run. */
  playbook: AnsibleEvent[];
  /** From the wait play's start to the next play's, when the callback stamped both. */
  waitSeconds?: number;
}

/**
 * Splits one run's events into the wait's outcome and the playbook's events. The recap Ansible keeps
 * covers both, so the wait's own counts come off it, as Ansible's strategy added them: one `ok` per
 * host, plus one `ignored` when the wait failed or found the host unreachable (both ignored). A host
 * only the wait touched leaves the recap, as it was never in it before.
 */
export function separateWaitPlay(events: readonly AnsibleEvent[]): SeparatedEvents {
  const waited = new Map<string, HostWait>();
  const playbook: AnsibleEvent[] = [];
  const waitResults: ResultEvent[] = [];
  let waitStart: number | undefined;
  let waitEnd: number | undefined;
  for (const event of events) {
    if (event.event === 'play' && event.at !== undefined) {
      if (event.play === WAIT_PLAY_NAME) waitStart ??= event.at;
      else if (waitStart !== undefined) waitEnd ??= event.at;
    }
    if (!('play' in event) || event.play !== WAIT_PLAY_NAME) {
      playbook.push(
        event.event === 'stats' ? { ...event, hosts: withoutWait(event.hosts, waitResults) } : event,
      );
    } else if (event.event === 'result') {
      waitResults.push(event);
      waited.set(
        event.host,
        event.status === 'failed' || event.status === 'unreachable'
          ? { answered: false, message: event.message || 'no answer' }
          : { answered: true },
      );
    }
  }
  return {
    waited,
    playbook,
    ...(waitStart !== undefined && waitEnd !== undefined ? { waitSeconds: waitEnd - waitStart } : {}),
  };
}

function withoutWait(hosts: Record<string, HostRecap>, waitResults: readonly ResultEvent[]) {
  const recap: Record<string, HostRecap> = {};
  for (const [host, counts] of Object.entries(hosts)) recap[host] = { ...counts };
  for (const result of waitResults) {
    const counts = recap[result.host];
    if (!counts) continue;
    counts.ok = Math.max(0, counts.ok - 1);
    if (result.status === 'failed' || result.status === 'unreachable') {
      counts.ignored = Math.max(0, counts.ignored - 1);
    }
  }
  for (const [host, counts] of Object.entries(recap)) {
    if (Object.values(counts).every((count) => count === 0)) delete recap[host];
  }
  return recap;
}
