/**
 * The approval commands a pull-request comment may carry. A comment is a command only when its whole
 * text is one: `/approve <12 to 64 hex digits of the plan digest>` alone, `/approve-policy <the same>`
 * (a policy owner accepting the policy failures of exactly that plan), or `/reject <reason>`. A command
 * quoted, put in a code block, followed by more words, or missing its digest is not one: a reviewer
 * must have meant exactly this plan.
 */

export type ApprovalCommand =
  | { kind: 'approve'; digestPrefix: string }
  | { kind: 'approve-policy'; digestPrefix: string }
  | { kind: 'reject'; reason: string };

const APPROVE = /^\/(approve|approve-policy)[ \t]+(?:sha256:)?([0-9a-fA-F]{12,64})$/;
const REJECT = /^\/reject(?:[ \t]+([\s\S]*))?$/;

export function parseCommand(body: string): ApprovalCommand | undefined {
  const text = body.replace(/\r\n?/g, '\n').trim();
  const approve = APPROVE.exec(text);
  if (approve?.[1] && approve[2]) {
    const kind = approve[1] === 'approve' ? 'approve' : 'approve-policy';
    return { kind, digestPrefix: approve[2].toLowerCase() };
  }
  const reject = REJECT.exec(text);
  // A reject must say why: the reason goes into the record and the status comment.
  const reason = reject?.[1]?.trim();
  if (reason) return { kind: 'reject', reason };
  return undefined;
}

/** Why a comment that looks like a command is not one, to tell its author; undefined when it is not command-like. */
export function commandProblem(body: string): string | undefined {
  const text = body.trim();
  if (parseCommand(text)) return undefined;
  // Before /approve: `\b` also ends a word at the hyphen of /approve-policy.
  if (/^\/approve-policy\b/.test(text)) {
    return 'write `/approve-policy` and the first 12 or more hex digits of the plan digest, and nothing else';
  }
  if (/^\/approve\b/.test(text)) {
    return 'write `/approve` and the first 12 or more hex digits of the plan digest, and nothing else';
  }
  if (/^\/reject\s*$/.test(text)) return 'write `/reject` followed by the reason';
  return undefined;
}

/** True when `prefix` (12+ hex digits) names `digest` (`sha256:<hex>`). */
export function namesDigest(prefix: string, digest: string): boolean {
  return digest.replace(/^sha256:/, '').startsWith(prefix.toLowerCase());
}
