/** Issues, their comments and the comments' reactions (a pull request is an issue too: see pulls.ts). */
import {
  created,
  HttpError,
  nodeId,
  notFound,
  num,
  ok,
  pageReply,
  str,
  type Ctx,
  type Handler,
} from './context.js';
import { isPlainObject, type Json } from './json.js';
import { authorAssociation } from './permissions.js';
import type { StandIn } from './server.js';
import {
  issueKey,
  lower,
  type ReactionContent,
  type StoredComment,
  type StoredIssue,
  type StoredReaction,
} from './state.js';
import { userView } from './users.js';

const MAX_BODY = 65_536;

/** GitHub counts characters (code points), not UTF-16 units or bytes. */
function checkBodyLength(body: string | null | undefined, resource: 'Issue' | 'IssueComment'): void {
  if (body === null || body === undefined || [...body].length <= MAX_BODY) return;
  // GitHub answers the two resources with differently worded errors; keep each as observed.
  const error =
    resource === 'IssueComment'
      ? {
          resource,
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        }
      : {
          resource,
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        };
  const violation = `${resource} body of ${[...body].length} characters exceeds ${MAX_BODY}`;
  throw new HttpError(422, 'Validation Failed', { errors: [error] }, violation);
}

function commentView(s: StandIn, comment: StoredComment): Json {
  const repo = s.repoInfo(comment.repo);
  const apiRepo = `${s.url}/repos/${repo.fullName}`;
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${apiRepo}/issues/comments/${comment.id}`,
    // GitHub links a comment on a pull request under /pull/, though the API is the issues one.
    html_url: `${s.serverUrl}/${repo.fullName}/${s.state.issues.get(issueKey(comment.repo, comment.issueNumber))?.pull ? 'pull' : 'issues'}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${apiRepo}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userView(s, comment.author),
    author_association: authorAssociation(s, comment.repo, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    reactions: reactionRollup(s, comment),
  };
}

function reactionRollup(s: StandIn, comment: StoredComment): Json {
  const reactions = [...s.state.reactions.values()].filter((r) => r.commentId === comment.id);
  const counts: Json = {
    url: `${s.url}/repos/${s.repoInfo(comment.repo).fullName}/issues/comments/${comment.id}/reactions`,
  };
  counts.total_count = reactions.length;
  for (const content of REACTIONS) counts[content] = reactions.filter((r) => r.content === content).length;
  return counts;
}

const REACTIONS: ReactionContent[] = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

function reactionView(s: StandIn, reaction: StoredReaction): Json {
  return {
    id: reaction.id,
    node_id: nodeId('REA', reaction.id),
    user: userView(s, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}

function labelView(s: StandIn, repoKey: string, name: string): Json {
  const id = s.labelId(name);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${s.url}/repos/${s.repoInfo(repoKey).fullName}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

export function issueView(s: StandIn, issue: StoredIssue): Json {
  const repo = s.repoInfo(issue.repo);
  const apiIssue = `${s.url}/repos/${repo.fullName}/issues/${issue.number}`;
  const kind = issue.pull ? 'pull' : 'issues';
  const view: Json = {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    locked: issue.locked,
    user: userView(s, issue.author),
    labels: issue.labels.map((name) => labelView(s, issue.repo, name)),
    assignees: issue.assignees.map((login) => userView(s, login)),
    assignee: issue.assignees[0] ? userView(s, issue.assignees[0]) : null,
    comments: s.commentsOn(issue.number, repo.fullName).length,
    url: apiIssue,
    repository_url: `${s.url}/repos/${repo.fullName}`,
    comments_url: `${apiIssue}/comments`,
    html_url: `${s.serverUrl}/${repo.fullName}/${kind}/${issue.number}`,
    author_association: authorAssociation(s, issue.repo, issue.author),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
  };
  // GitHub lists pull requests among issues and marks them with this key.
  if (issue.pull) view.pull_request = { url: `${s.url}/repos/${repo.fullName}/pulls/${issue.number}` };
  return view;
}

export function requireIssue(ctx: Ctx, name = 'issue_number'): StoredIssue {
  const issue = ctx.s.state.issues.get(issueKey(ctx.repoKey, num(ctx, name)));
  if (!issue) throw notFound();
  return issue;
}

function requireComment(ctx: Ctx): StoredComment {
  const comment = ctx.s.state.comments.get(num(ctx, 'comment_id'));
  if (!comment || comment.repo !== ctx.repoKey) throw notFound();
  return comment;
}

export const commentHandlers: Record<string, Handler> = {
  'issues/list-comments': (ctx) => {
    const issue = requireIssue(ctx);
    const since = str(ctx.query.since);
    const comments = ctx.s
      .commentsOn(issue.number, ctx.repoKey)
      .filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since));
    return pageReply(ctx, comments, (c) => commentView(ctx.s, c));
  },
  'issues/create-comment': (ctx) => {
    const issue = requireIssue(ctx);
    const body = String(ctx.body.body);
    checkBodyLength(body, 'IssueComment');
    const comment = ctx.s.addComment({
      repo: ctx.repoKey,
      issueNumber: issue.number,
      body,
      author: ctx.user.login,
    });
    const view = commentView(ctx.s, comment);
    return created(view, String(view.url));
  },
  'issues/get-comment': (ctx) => ok(commentView(ctx.s, requireComment(ctx))),
  'issues/update-comment': (ctx) => {
    const comment = requireComment(ctx);
    const body = String(ctx.body.body);
    checkBodyLength(body, 'IssueComment');
    comment.body = body;
    comment.updatedAt = ctx.s.now();
    return ok(commentView(ctx.s, comment));
  },
  'issues/delete-comment': (ctx) => {
    const comment = requireComment(ctx);
    ctx.s.state.comments.delete(comment.id);
    for (const [id, reaction] of ctx.s.state.reactions)
      if (reaction.commentId === comment.id) ctx.s.state.reactions.delete(id);
    return { status: 204 };
  },
  'reactions/list-for-issue-comment': (ctx) => {
    const comment = requireComment(ctx);
    const content = str(ctx.query.content);
    const reactions = [...ctx.s.state.reactions.values()].filter(
      (r) => r.commentId === comment.id && (!content || r.content === content),
    );
    return pageReply(ctx, reactions, (r) => reactionView(ctx.s, r));
  },
  'reactions/create-for-issue-comment': (ctx) => {
    const comment = requireComment(ctx);
    const content = ctx.body.content as ReactionContent;
    const existing = [...ctx.s.state.reactions.values()].find(
      (r) => r.commentId === comment.id && r.content === content && lower(r.user) === lower(ctx.user.login),
    );
    // GitHub answers 200 with the existing reaction rather than adding a duplicate.
    if (existing) return ok(reactionView(ctx.s, existing));
    const reaction: StoredReaction = {
      id: ctx.s.nextId(),
      commentId: comment.id,
      content,
      user: ctx.user.login,
      createdAt: ctx.s.now(),
    };
    ctx.s.state.reactions.set(reaction.id, reaction);
    return created(reactionView(ctx.s, reaction));
  },
};

/** Label and assignee items may be names or objects with `name`/`login`. */
function names(items: unknown, key = 'name'): string[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => (isPlainObject(item) ? String(item[key] ?? '') : String(item))).filter(Boolean);
}

function issueFilter(ctx: Ctx): (issue: StoredIssue) => boolean {
  const state = str(ctx.query.state) ?? 'open';
  const labels = (str(ctx.query.labels) ?? '')
    .split(',')
    .map((l) => lower(l.trim()))
    .filter(Boolean);
  const creator = str(ctx.query.creator);
  const assignee = str(ctx.query.assignee);
  const since = str(ctx.query.since);
  return (issue) =>
    issue.repo === ctx.repoKey &&
    (state === 'all' || issue.state === state) &&
    labels.every((label) => issue.labels.some((l) => lower(l) === label)) &&
    (!creator || lower(issue.author) === lower(creator)) &&
    (!assignee || matchesAssignee(issue, assignee)) &&
    (!since || Date.parse(issue.updatedAt) >= Date.parse(since));
}

function matchesAssignee(issue: StoredIssue, assignee: string): boolean {
  if (assignee === 'none') return issue.assignees.length === 0;
  if (assignee === '*') return issue.assignees.length > 0;
  return issue.assignees.some((login) => lower(login) === lower(assignee));
}

function sortIssues(ctx: Ctx, issues: StoredIssue[]): StoredIssue[] {
  const sort = str(ctx.query.sort) ?? 'created';
  const sign = str(ctx.query.direction) === 'asc' ? 1 : -1;
  const key = (issue: StoredIssue): number =>
    sort === 'updated'
      ? Date.parse(issue.updatedAt)
      : sort === 'comments'
        ? ctx.s.commentsOn(issue.number, issue.repo).length
        : issue.number;
  return issues.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}

function applyIssueUpdate(ctx: Ctx, issue: StoredIssue): void {
  const body = ctx.body;
  if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = str(body.body) ?? null;
  if (body.labels !== undefined) issue.labels = names(body.labels);
  if (body.assignees !== undefined) issue.assignees = names(body.assignees, 'login');
  const state = str(body.state) as StoredIssue['state'] | undefined;
  if (state && state !== issue.state) {
    issue.state = state;
    issue.closedAt = state === 'closed' ? ctx.s.now() : null;
    issue.stateReason = state === 'closed' ? (str(body.state_reason) ?? 'completed') : 'reopened';
  }
  issue.updatedAt = ctx.s.now();
}

export const issueHandlers: Record<string, Handler> = {
  'issues/create': (ctx) => {
    const body = str(ctx.body.body);
    checkBodyLength(body, 'Issue');
    const issue = ctx.s.addIssue({
      repo: ctx.repoKey,
      title: String(ctx.body.title),
      body,
      labels: names(ctx.body.labels),
      author: ctx.user.login,
    });
    issue.assignees = names(ctx.body.assignees, 'login');
    const view = issueView(ctx.s, issue);
    return created(view, String(view.url));
  },
  'issues/get': (ctx) => ok(issueView(ctx.s, requireIssue(ctx))),
  'issues/update': (ctx) => {
    const issue = requireIssue(ctx);
    checkBodyLength(str(ctx.body.body), 'Issue');
    applyIssueUpdate(ctx, issue);
    return ok(issueView(ctx.s, issue));
  },
  'issues/list-for-repo': (ctx) => {
    const issues = sortIssues(ctx, [...ctx.s.state.issues.values()].filter(issueFilter(ctx)));
    return pageReply(ctx, issues, (issue) => issueView(ctx.s, issue));
  },
  'issues/add-labels': (ctx) => {
    const issue = requireIssue(ctx);
    const added = names(Array.isArray(ctx.body) ? ctx.body : ctx.body.labels);
    for (const label of added)
      if (!issue.labels.some((l) => lower(l) === lower(label))) issue.labels.push(label);
    issue.updatedAt = ctx.s.now();
    return ok(issue.labels.map((name) => labelView(ctx.s, issue.repo, name)));
  },
};
