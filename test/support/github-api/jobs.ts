/**
 * A run's jobs (`GET .../actions/runs/{run_id}/attempts/{attempt_number}/jobs`), listed from a `JobSource`: in
 * end-to-end tests, the runner harness's jobs of that run. Simplified on purpose: no steps, no labels beyond
 * `ubuntu-latest`, one attempt's jobs whatever the attempt number.
 */
import { HttpError, nodeId, num, paginate, ok, str, type Handler } from './context.js';
import type { Json } from './json.js';

export interface JobInfo {
  id: number;
  runId: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
  startedAt: string;
  completedAt?: string;
}

export interface JobSource {
  list(runId: number): Promise<JobInfo[]>;
}

function jobView(serverUrl: string, repo: string, apiUrl: string, job: JobInfo, attempt: number): Json {
  return {
    id: job.id,
    run_id: job.runId,
    run_attempt: attempt,
    node_id: nodeId('MDg6Q2hlY2tSdW4', job.id),
    head_sha: '0'.repeat(40),
    url: `${apiUrl}/repos/${repo}/actions/jobs/${job.id}`,
    html_url: `${serverUrl}/${repo}/actions/runs/${job.runId}/job/${job.id}`,
    run_url: `${apiUrl}/repos/${repo}/actions/runs/${job.runId}`,
    check_run_url: `${apiUrl}/repos/${repo}/check-runs/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.startedAt,
    started_at: job.startedAt,
    completed_at: job.completedAt ?? null,
    name: job.name,
    steps: [],
    labels: ['ubuntu-latest'],
    runner_id: null,
    runner_name: null,
    runner_group_id: null,
    runner_group_name: null,
    workflow_name: 'iac',
    head_branch: 'main',
  };
}

export const jobHandlers: Record<string, Handler> = {
  // Records the request and answers 204 like GitHub; starting the run is the test's business.
  'actions/create-workflow-dispatch': (ctx) => {
    const ref = str(ctx.body.ref);
    if (!ref) throw new HttpError(422, 'Invalid request: ref is required');
    const inputs = (ctx.body.inputs ?? {}) as Record<string, unknown>;
    if (Object.keys(inputs).length > 25) throw new HttpError(422, 'Invalid request: more than 25 inputs');
    ctx.s.state.dispatches.push({
      repo: ctx.repoKey,
      workflow: String(ctx.params.workflow_id),
      ref,
      inputs,
      actor: ctx.user.login,
    });
    return { status: 204 };
  },
  'actions/list-jobs-for-workflow-run-attempt': async (ctx) => {
    const jobs = ctx.s.jobs ? await ctx.s.jobs.list(num(ctx, 'run_id')) : [];
    const { items, headers } = paginate(ctx, jobs);
    const repo = ctx.s.repoInfo(ctx.repoKey).fullName;
    const attempt = num(ctx, 'attempt_number');
    return ok(
      {
        total_count: jobs.length,
        jobs: items.map((j) => jobView(ctx.s.serverUrl, repo, ctx.s.url, j, attempt)),
      },
      headers,
    );
  },
};
