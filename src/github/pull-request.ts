import { readFile } from 'node:fs/promises';
import type { RunContext } from '../core/run-context.js';
import type { GitHubClient } from './octokit.js';

/** The pull request a plan is for: where its comment goes, and the commit reviewers are looking at. */
export interface PullRequestTarget {
  number: number;
  /** The head commit of the pull request, when the event names it (a pull_request event's GITHUB_SHA is a merge commit). */
  headSha?: string;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
  issue?: { number?: number; pull_request?: unknown };
  comment?: { id?: number };
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * The pull request from the `pr-number` input, else from the event: pull_request and pull_request_target
 * carry it, and issue_comment does when the comment is on a pull request. Any other event has none.
 */
export async function pullRequestOf(
  run: Pick<RunContext, 'eventName' | 'eventPath'>,
  prNumber: number | undefined,
): Promise<PullRequestTarget | undefined> {
  const event = await readEvent(run.eventPath);
  const fromEvent = PULL_REQUEST_EVENTS.has(run.eventName) ? event.pull_request : undefined;
  if (prNumber !== undefined) {
    const headSha = fromEvent?.number === prNumber ? fromEvent.head?.sha : undefined;
    return { number: prNumber, ...(headSha ? { headSha } : {}) };
  }
  if (fromEvent?.number) {
    return { number: fromEvent.number, ...(fromEvent.head?.sha ? { headSha: fromEvent.head.sha } : {}) };
  }
  if (run.eventName === 'issue_comment' && event.issue?.pull_request && event.issue.number) {
    return { number: event.issue.number };
  }
  return undefined;
}

/** The comment an issue_comment event is about: the command that ran this job. */
export async function triggeringCommentId(
  run: Pick<RunContext, 'eventName' | 'eventPath'>,
): Promise<number | undefined> {
  if (run.eventName !== 'issue_comment') return undefined;
  const id = (await readEvent(run.eventPath)).comment?.id;
  return typeof id === 'number' ? id : undefined;
}

/** Fills in the head commit when the event did not name it (issue_comment, or a `pr-number` input). */
export async function withHeadSha(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  target: PullRequestTarget,
): Promise<Required<PullRequestTarget>> {
  if (target.headSha) return { number: target.number, headSha: target.headSha };
  const { data } = await client.rest.pulls.get({ ...repository, pull_number: target.number });
  return { number: target.number, headSha: data.head.sha };
}

async function readEvent(path: string | undefined): Promise<EventPayload> {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as EventPayload) : {};
  } catch {
    // The runner always writes the event file; without one there is simply no pull request to find.
    return {};
  }
}
