import { ConfigurationError } from '../core/errors.js';
import { GitHubRefusal } from './refusals.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import type { DriftIssueOutcome } from './drift-issue.js';
import { COMMENT_LIMIT, renderPlanComment, type PlanRenderContext } from '../plan/index.js';
import { codeSpan } from '../markdown/escape.js';
import { plural } from '../plan/phrases.js';
import type { TfPlanResult } from '../terraform/plan.js';

export interface DriftIssueInputs {
  driftIssue: boolean;
  driftLabels: string[];
  githubToken?: string | undefined;
  commentAuthor?: string | undefined;
}

/** The resources that drifted, for the `drifted` output: small, addresses and what happened to them. */
export function driftedResources(result: TfPlanResult): Array<{ address: string; action: string }> {
  return result.model.drift.map((entry) => ({ address: entry.address, action: entry.action }));
}

// The issue's own lines around the rendered plan: bounded, as the stack and artifact names are validated.
const ISSUE_FRAME = 1024;

/** The drift issue's body: what drifted, as the plan comment renders it, and what to do about it. */
export function driftIssueBody(result: TfPlanResult, ctx: PlanRenderContext): string {
  const [plan = ''] = renderPlanComment(result.model, ctx, { limit: COMMENT_LIMIT - ISSUE_FRAME });
  const found = ctx.runUrl ? `[this run](${ctx.runUrl})` : 'the latest run';
  return [
    `**${plural(result.model.counts.drift, 'resource')}** of stack ${codeSpan(result.stack)} changed outside of ` +
      `the configuration, as found by ${found}. This issue is kept up to date while the drift lasts, and ` +
      'closed when a run finds none.',
    '',
    plan.trimEnd(),
    '',
    `To keep the changes, apply the refresh-only plan in the artifact ${codeSpan(result.artifactName)}, which ` +
      'writes them into the state; to undo them, plan and apply the configuration.',
    '',
  ].join('\n');
}

/** Opens, updates or closes the stack's drift issue; undefined when `drift-issue` is false. */
export async function reportDrift(
  result: TfPlanResult,
  ctx: PlanRenderContext,
  inputs: DriftIssueInputs,
  run: RunContext,
  logger: Logger,
): Promise<DriftIssueOutcome | undefined> {
  if (!inputs.driftIssue) return undefined;
  if (!inputs.githubToken) {
    throw new ConfigurationError(
      'Input "github-token" is empty: it is needed to open the drift issue (give it a token with issues: write), or set drift-issue: false.',
    );
  }
  const [{ createGitHubClient }, { commentAuthor }, { syncDriftIssue }] = await Promise.all([
    import('./octokit.js'),
    import('./marked-comments.js'),
    import('./drift-issue.js'),
  ]);
  const client = createGitHubClient(inputs.githubToken, logger, { apiUrl: run.apiUrl });
  try {
    return await syncDriftIssue(
      client,
      {
        owner: run.owner,
        repo: run.repo,
        stack: result.stack,
        author: await commentAuthor(client, inputs.commentAuthor, logger),
        labels: inputs.driftLabels,
        drifted: result.drift === true,
        body: driftIssueBody(result, ctx),
        runUrl: run.runUrl,
      },
      logger,
    );
  } catch (error) {
    if ((error as { status?: number }).status !== 403) throw error;
    if (error instanceof GitHubRefusal)
      throw new ConfigurationError(`${error.message} Or set drift-issue: false.`);
    throw new ConfigurationError(
      `Could not write the drift issue: ${(error as Error).message}. Give the job \`permissions: issues: write\`, or set drift-issue: false.`,
    );
  }
}
