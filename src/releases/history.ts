import { RELEASE_KIND, RELEASE_SCHEMA, readRelease, type Release } from '../contracts/release.js';
import { ConfigurationError, errorMessage } from '../core/errors.js';
import type { DeploymentsApi } from '../github/deployments.js';

/**
 * The releases of one environment, read from its GitHub deployments: `GET /repos/{o}/{r}/deployments
 * ?environment=E` lists them newest first, and each deployment that carries an `iac/release@1` record
 * as its payload is a release, whose statuses say how it went (in_progress → success once smoke passed,
 * failure otherwise, inactive once a later release succeeded: GitHub's auto_inactive). Deployments
 * without a record (made before releases were recorded, or tf-apply's per-stack ones) are passed over.
 */

/** A deployment as the list endpoint returns it; only these fields are read. */
export interface DeploymentListing {
  id: number;
  sha: string;
  created_at: string;
  /** An object, or JSON text for deployments created with a string payload. */
  payload: unknown;
  environment?: string;
}

export interface DeploymentStatusListing {
  state: string;
  created_at: string;
}

/** `GET /repos/{o}/{r}/deployments/{id}/statuses`, every page. */
export type ListDeploymentStatuses = (deploymentId: number) => Promise<readonly DeploymentStatusListing[]>;

/** A release and the deployment that carries it. */
export interface DeployedRelease {
  release: Release;
  deploymentId: number;
  /** The commit the deployment names (the deploying run's), which may differ from `release.commit`. */
  sha: string;
  deployedAt: string;
  /** The latest status: success, failure, inactive, in_progress, …; `none` before the first. */
  state: string;
  /** When the latest status was set. */
  stateAt: string | undefined;
  /** Whether it reached success and nothing but a later release's success (inactive) followed. */
  succeeded: boolean;
}

export interface ReleaseHistory {
  readonly environment: string;
  /** The newest release whose latest status is success: what runs there now, and what a promotion takes. */
  latestRelease(): Promise<DeployedRelease>;
  /** The newest release deployed, however it went (a failed one is on the hosts too); none without releases. */
  current(): Promise<DeployedRelease | undefined>;
  /**
   * A rollback's target. `previous`: the newest release before the current one, from another run, that
   * succeeded. A number: the release of that run id, or in that deployment; `run:<id>` and
   * `deployment:<id>` say which when a number could be both.
   */
  releaseFor(to: string): Promise<DeployedRelease>;
  /** Every readable release of the environment, newest first (unreadable records passed over). */
  all(): Promise<DeployedRelease[]>;
}

type Payload =
  | { kind: 'none' }
  | { kind: 'release'; release: Release }
  | { kind: 'unreadable'; message: string; runId?: number | undefined };

type Target = { kind: 'previous' } | { kind: 'run' | 'deployment' | 'either'; id: number };

const SHOWN = 5;

export function releaseHistory(
  environment: string,
  deployments: readonly DeploymentListing[],
  listStatuses: ListDeploymentStatuses,
  options: { reader?: string } = {},
): ReleaseHistory {
  const mine = deployments.filter(
    (d) => d.environment === undefined || d.environment.toLowerCase() === environment.toLowerCase(),
  );
  const statuses = new Map<number, Promise<readonly DeploymentStatusListing[]>>();
  const payloads = new Map<number, Payload>();

  const payloadOf = (d: DeploymentListing): Payload => {
    let found = payloads.get(d.id);
    if (!found) {
      found = readPayload(d, environment, options.reader);
      payloads.set(d.id, found);
    }
    return found;
  };
  const statusesOf = (id: number) => {
    let found = statuses.get(id);
    if (!found) {
      found = listStatuses(id);
      statuses.set(id, found);
    }
    return found;
  };
  const deployed = async (d: DeploymentListing, release: Release): Promise<DeployedRelease> => {
    const list = await statusesOf(d.id);
    const latest = latestStatus(list);
    const succeeded =
      list.some((s) => s.state === 'success') &&
      (latest?.state === 'success' || latest?.state === 'inactive');
    return {
      release,
      deploymentId: d.id,
      sha: d.sha,
      deployedAt: d.created_at,
      state: latest?.state ?? 'none',
      stateAt: latest?.created_at,
      succeeded,
    };
  };
  /** One line of what was found, for the messages: `deployment 12, run 100: failure`. */
  const found = async (d: DeploymentListing): Promise<string> => {
    const payload = payloadOf(d);
    if (payload.kind === 'unreadable') return `deployment ${d.id}: an unreadable release record`;
    const latest = latestStatus(await statusesOf(d.id));
    const run = payload.kind === 'release' ? `, run ${payload.release.runId}` : '';
    return `deployment ${d.id}${run}: ${latest?.state ?? 'no status yet'}`;
  };
  /**
   * The releases among `list`, newest first and at most a few, then how many deployments hold no record
   * (tf-apply's per-stack deployments can outnumber the releases, so they are counted, not listed).
   */
  const foundList = async (list: readonly DeploymentListing[]): Promise<string> => {
    const releases = list.filter((d) => payloadOf(d).kind !== 'none');
    const lines = await Promise.all(releases.slice(0, SHOWN).map(found));
    if (releases.length > SHOWN) lines.push(`${releases.length - SHOWN} older releases`);
    const others = list.length - releases.length;
    if (others > 0) lines.push(`${plural(others, 'deployment')} without a release record`);
    return lines.join('; ');
  };
  const summary = async (list: readonly DeploymentListing[]): Promise<string> =>
    list.length === 0
      ? `${environment} has no deployments`
      : `found ${plural(list.length, 'deployment')} of ${environment} (${await foundList(list)})`;

  /** The release of a deployment chosen as the answer: an unreadable record there is refused, not skipped. */
  const chosen = (d: DeploymentListing): Release | undefined => {
    const payload = payloadOf(d);
    if (payload.kind === 'unreadable') throw new ConfigurationError(payload.message);
    return payload.kind === 'release' ? payload.release : undefined;
  };

  const current = async (): Promise<DeployedRelease | undefined> => {
    const d = mine.find((x) => payloadOf(x).kind !== 'none');
    const release = d && chosen(d);
    return d && release ? deployed(d, release) : undefined;
  };

  /** The newest deployment of `list` that succeeded; records that are unreadable refused only if they did. */
  const newestSucceeded = async (list: readonly DeploymentListing[], latestOnly: boolean) => {
    for (const d of list) {
      if (payloadOf(d).kind === 'none') continue;
      const latest = latestStatus(await statusesOf(d.id));
      const candidate = latestOnly
        ? latest?.state === 'success'
        : latest?.state === 'success' || latest?.state === 'inactive';
      if (!candidate) continue;
      const release = chosen(d);
      if (!release) continue;
      const entry = await deployed(d, release);
      if (entry.succeeded) return entry;
    }
    return undefined;
  };

  return {
    environment,
    current,

    async all() {
      const entries: DeployedRelease[] = [];
      for (const d of mine) {
        const payload = payloadOf(d);
        if (payload.kind === 'release') entries.push(await deployed(d, payload.release));
      }
      return entries;
    },

    async latestRelease() {
      const entry = await newestSucceeded(mine, true);
      if (entry) return entry;
      throw new ConfigurationError(
        `No successful release of ${environment}: looked for the newest deployment with an ${RELEASE_SCHEMA} record whose latest status is success, and ${await summary(mine)}`,
      );
    },

    async releaseFor(to) {
      const target = parseTarget(to);
      if (target.kind === 'previous') {
        const now = await current();
        if (!now) {
          throw new ConfigurationError(
            `No release of ${environment} to go back from: looked for deployments with an ${RELEASE_SCHEMA} record, and ${await summary(mine)}`,
          );
        }
        const index = mine.findIndex((d) => d.id === now.deploymentId);
        const older = mine.slice(index + 1).filter((d) => {
          const payload = payloadOf(d);
          return payload.kind !== 'release' || payload.release.runId !== now.release.runId;
        });
        const entry = await newestSucceeded(older, false);
        if (entry) return entry;
        throw new ConfigurationError(
          `No successful release of ${environment} before the current one (deployment ${now.deploymentId}, run ${now.release.runId}, ${now.state}): ` +
            (older.length === 0
              ? 'no older deployment is from another run'
              : `looked at ${plural(older.length, 'older deployment')} of other runs (${await foundList(older)})`),
        );
      }

      const byDeployment =
        target.kind === 'run'
          ? undefined
          : mine.find((d) => d.id === target.id && payloadOf(d).kind !== 'none');
      const ofRun = target.kind === 'deployment' ? [] : mine.filter((d) => runOf(payloadOf(d)) === target.id);
      if (target.kind === 'either' && byDeployment && ofRun.some((d) => d.id !== byDeployment.id)) {
        throw new ConfigurationError(
          `"${to}" is both deployment ${target.id} of ${environment} and the run of deployment ${ofRun[0]?.id}: say run:${target.id} or deployment:${target.id}`,
        );
      }

      if (byDeployment) {
        const release = chosen(byDeployment);
        if (!release) throw new Error('unreachable: a deployment with a release payload');
        const entry = await deployed(byDeployment, release);
        if (entry.succeeded) return entry;
        throw new ConfigurationError(
          `Deployment ${target.id} of ${environment} (release of run ${release.runId}) did not succeed: its latest status is ${entry.state}; a rollback goes to a release that passed`,
        );
      }
      const listed = target.kind === 'run' ? undefined : mine.find((d) => d.id === target.id);
      if (listed && ofRun.length === 0) {
        throw new ConfigurationError(
          `Deployment ${target.id} of ${environment} holds no ${RELEASE_SCHEMA} record: it was made before releases were recorded, or is not a release`,
        );
      }
      if (target.kind === 'deployment') {
        throw new ConfigurationError(
          `Deployment ${target.id} is not one of ${environment}'s: ${await summary(mine)}`,
        );
      }

      const entry = await newestSucceeded(ofRun, false);
      if (entry) return entry;
      if (ofRun.length > 0) {
        throw new ConfigurationError(
          `No successful release of ${environment} from run ${target.id}: looked for a deployment of that run whose release passed, and found ${await foundList(ofRun)}`,
        );
      }
      const runs = [...new Set(mine.map((d) => runOf(payloadOf(d))).filter((r) => r !== undefined))];
      const shown =
        runs.slice(0, SHOWN).join(', ') + (runs.length > SHOWN ? `, and ${runs.length - SHOWN} older` : '');
      throw new ConfigurationError(
        `No release of ${environment} is from run ${target.id}` +
          (target.kind === 'either' ? ', and no deployment of it has that id' : '') +
          (runs.length > 0 ? `: its releases are from runs ${shown}` : `: ${await summary(mine)}`),
      );
    },
  };
}

/** `previous`, `123`, `run:123`, `deployment:123`; anything else is the input's mistake. */
function parseTarget(to: string): Target {
  const value = to.trim();
  if (value === 'previous') return { kind: 'previous' };
  const match = /^(?:(run|deployment):)?([1-9]\d{0,15})$/.exec(value);
  if (!match) {
    throw new ConfigurationError(
      `Input "to" must be previous, a run id or a deployment id (run:<id> or deployment:<id> to say which); got ${JSON.stringify(value.slice(0, 60))}`,
    );
  }
  const kind = (match[1] ?? 'either') as 'run' | 'deployment' | 'either';
  return { kind, id: Number(match[2]) };
}

/**
 * The latest status: the newest `created_at`, and of equal times the first listed (GitHub lists
 * statuses newest first; its times have whole seconds, so two statuses of one second are common).
 */
export function latestStatus<T extends DeploymentStatusListing>(statuses: readonly T[]): T | undefined {
  let latest: T | undefined;
  let latestAt = -Infinity;
  for (const status of statuses) {
    const at = Date.parse(status.created_at);
    if (latest === undefined || at > latestAt) {
      latest = status;
      latestAt = at;
    }
  }
  return latest;
}

/**
 * A deployment's payload: not a release (no `schema`, or another kind), a release of this environment,
 * or a release record that cannot be read here (another major version, a broken field, another
 * environment), which is refused if it is ever the answer rather than silently passed over.
 */
function readPayload(d: DeploymentListing, environment: string, reader?: string): Payload {
  let value = d.payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return { kind: 'none' };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'none' };
  const record = value as Record<string, unknown>;
  const schema = record.schema;
  if (typeof schema !== 'string' || !schema.startsWith(`${RELEASE_KIND}@`)) return { kind: 'none' };
  const runId = typeof record.runId === 'number' ? record.runId : undefined;
  let release: Release;
  try {
    release = readRelease(record, {
      file: `the payload of deployment ${d.id}`,
      ...(reader ? { reader } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return { kind: 'unreadable', message: errorMessage(error), runId };
  }
  if (release.environment.toLowerCase() !== environment.toLowerCase()) {
    return {
      kind: 'unreadable',
      message: `Deployment ${d.id} of ${environment} holds a release of ${release.environment} (run ${release.runId}): a release record names the environment it was deployed to`,
      runId,
    };
  }
  return { kind: 'release', release };
}

function runOf(payload: Payload): number | undefined {
  return payload.kind === 'release'
    ? payload.release.runId
    : payload.kind === 'unreadable'
      ? payload.runId
      : undefined;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The releases of `environment`, read through the deployments API: the list, then statuses as asked. */
export async function readReleaseHistory(
  api: Pick<DeploymentsApi, 'list' | 'statuses'>,
  environment: string,
  reader = 'release',
): Promise<ReleaseHistory> {
  return releaseHistory(environment, await api.list(environment), (id) => api.statuses(id), { reader });
}
