import type { Logger } from '../core/logger.js';
import { marker } from './marked-comments.js';
import type { GitHubClient } from './octokit.js';

export { DEFAULT_DRIFT_LABELS } from './drift-labels.js';

/** What drift detection did to a stack's drift issue. */
export type DriftIssueChange = 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';

export interface DriftIssueRequest {
  owner: string;
  repo: string;
  stack: string;
  /** The account whose issues are trusted to carry the stack's marker (see commentAuthor). */
  author: string;
  /** Put on a new issue; the first one is also how open drift issues are found again. */
  labels: readonly string[];
  drifted: boolean;
  /** The issue's body without the marker: what drifted, and the run that found it. */
  body: string;
  runUrl: string;
}

export interface DriftIssueOutcome {
  change: DriftIssueChange;
  url?: string;
}

export function driftIssueKey(stack: string): string {
  return `drift:${stack}`;
}

export function driftIssueTitle(stack: string): string {
  return `Drift detected in stack ${stack}`;
}

/**
 * Keeps one open issue per stack while its infrastructure drifts: opened when drift appears, its body
 * replaced while it lasts (no write when unchanged), closed with a comment once a run finds none. The
 * issue is found by the marker on its body's first line, trusted only on issues `author` opened:
 * anybody can open an issue carrying the marker, and closing theirs would hide real drift.
 */
export async function syncDriftIssue(
  client: GitHubClient,
  request: DriftIssueRequest,
  logger: Logger,
): Promise<DriftIssueOutcome> {
  const repository = { owner: request.owner, repo: request.repo };
  const head = marker(driftIssueKey(request.stack));
  const open = await client.paginate(client.rest.issues.listForRepo, {
    ...repository,
    state: 'open',
    ...(request.labels[0] ? { labels: request.labels[0] } : {}),
    per_page: 100,
  });
  const existing = open.find(
    (issue) =>
      !issue.pull_request &&
      issue.user?.login.toLowerCase() === request.author.toLowerCase() &&
      (issue.body ?? '').startsWith(head),
  );

  if (!request.drifted) {
    if (!existing) return { change: 'none' };
    await client.rest.issues.createComment({
      ...repository,
      issue_number: existing.number,
      body: `No drift found any more by [this run](${request.runUrl}): closing.`,
    });
    await client.rest.issues.update({
      ...repository,
      issue_number: existing.number,
      state: 'closed',
      state_reason: 'completed',
    });
    logger.info(`Closed drift issue #${existing.number}: the stack no longer drifts.`);
    return { change: 'closed', url: existing.html_url };
  }

  const body = `${head}\n${request.body}`;
  if (existing) {
    if (existing.body === body) return { change: 'unchanged', url: existing.html_url };
    await client.rest.issues.update({ ...repository, issue_number: existing.number, body });
    logger.info(`Updated drift issue #${existing.number}.`);
    return { change: 'updated', url: existing.html_url };
  }
  const created = await client.rest.issues.create({
    ...repository,
    title: driftIssueTitle(request.stack),
    body,
    labels: [...request.labels],
  });
  logger.info(`Opened drift issue #${created.data.number}.`);
  return { change: 'opened', url: created.data.html_url };
}
