/**
 * Workflow runs of a repository (`GET /repos/{owner}/{repo}/actions/runs`), from the runs a test added, with the
 * documented filters: branch, event, status (a status or a conclusion), actor, head_sha, created (GitHub's date
 * search syntax: `>=2026-11-03`, `<2026-11-03T10:00:00Z`, `2026-11-01..2026-11-30`, `*` for an open end).
 *
 * Deliberate simplifications (so tests do not rely on behaviour we do not model): newest first by creation; no
 * pull requests, head commit details or the 1,000-result cap of filtered searches.
 */
import { createHash } from 'node:crypto';
import { HttpError, nodeId, ok, paginate, str, type Ctx, type Handler } from './context.js';
import type { Json } from './json.js';
import type { StandIn } from './server.js';
import { lower, type StoredWorkflowRun } from './state.js';
import { repoView } from './repos.js';
import { userView } from './users.js';

/** A workflow's id, derived from its file so that runs of one file share it. */
export function workflowIdOf(repo: string, path: string): number {
  return Number.parseInt(createHash('sha1').update(`${repo}:${path}`).digest('hex').slice(0, 7), 16);
}

function runView(s: StandIn, run: StoredWorkflowRun): Json {
  const repo = s.repoInfo(run.repo);
  const api = `${s.url}/repos/${repo.fullName}/actions/runs/${run.id}`;
  const workflowId = workflowIdOf(run.repo, run.path);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WFR', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId,
    url: api,
    html_url: `${s.serverUrl}/${repo.fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.runStartedAt,
    actor: userView(s, run.actor),
    triggering_actor: userView(s, run.actor),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${s.url}/repos/${repo.fullName}/check-suites/${run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${s.url}/repos/${repo.fullName}/actions/workflows/${workflowId}`,
    head_commit: null,
    repository: repoView(s, repo),
    head_repository: repoView(s, repo),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A bound of the `created` filter: a date means its whole day (UTC), a date-time that instant. */
function bound(text: string, end: 'start' | 'end'): number {
  if (!DATE.test(text))
    throw new HttpError(422, `Invalid created date: ${text}`, {}, `created is not a date: ${text}`);
  if (text.length === 10) return Date.parse(`${text}T00:00:00Z`) + (end === 'end' ? 86_400_000 - 1 : 0);
  return Date.parse(/[Z+-]\d*:?\d*$/.test(text.slice(10)) ? text : `${text}Z`);
}

/** `created` as a test on epoch ms. */
function createdFilter(value: string | undefined): (ms: number) => boolean {
  if (!value) return () => true;
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const [from = '*', to = '*'] = [range[1], range[2]];
    const lo = from === '*' ? -Infinity : bound(from, 'start');
    const hi = to === '*' ? Infinity : bound(to, 'end');
    return (ms) => ms >= lo && ms <= hi;
  }
  const m = /^(>=|<=|>|<)?(.+)$/.exec(value);
  const op = m?.[1] ?? '';
  const date = m?.[2] ?? '';
  switch (op) {
    case '>=':
      return (ms) => ms >= bound(date, 'start');
    case '>':
      return (ms) => ms > bound(date, 'end');
    case '<=':
      return (ms) => ms <= bound(date, 'end');
    case '<':
      return (ms) => ms < bound(date, 'start');
    default: {
      const lo = bound(date, 'start');
      const hi = bound(date, 'end');
      return (ms) => ms >= lo && ms <= hi;
    }
  }
}

function listRuns(ctx: Ctx) {
  const q = ctx.query;
  const created = createdFilter(str(q.created));
  const status = str(q.status);
  const runs = [...ctx.s.state.workflowRuns.values()]
    .filter((r) => r.repo === ctx.repoKey)
    .filter((r) => !str(q.branch) || r.headBranch === q.branch)
    .filter((r) => !str(q.event) || r.event === q.event)
    .filter((r) => !str(q.actor) || lower(r.actor) === lower(String(q.actor)))
    .filter((r) => !str(q.head_sha) || r.headSha === q.head_sha)
    .filter((r) => !status || r.status === status || r.conclusion === status)
    .filter((r) => created(Date.parse(r.createdAt)))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  const { items, headers } = paginate(ctx, runs);
  return ok({ total_count: runs.length, workflow_runs: items.map((r) => runView(ctx.s, r)) }, headers);
}

export const runHandlers: Record<string, Handler> = {
  'actions/list-workflow-runs-for-repo': listRuns,
};
