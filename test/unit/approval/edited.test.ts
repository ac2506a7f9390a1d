import { describe, expect, it } from '@jest/globals';
import { parseCommand } from '../../../src/approval/commands.js';
import { decide, type CommandComment, type Standing } from '../../../src/approval/decide.js';
import { commandsIn, editedAtOf } from '../../../src/approval/github.js';
import { renderDecision } from '../../../src/approval/render.js';
import type { ApprovalRecord } from '../../../src/contracts/approval-record.js';
import type { ThreadComment } from '../../../src/github/marked-comments.js';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const APPROVE = `/approve ${DIGEST.slice(7, 23)}`;

function threadComment(id: number, login: string, body: string, createdAt: string, updatedAt = createdAt) {
  return {
    id,
    html_url: `https://github.test/octo-org/infra/pull/1#issuecomment-${id}`,
    user: { login },
    body,
    created_at: createdAt,
    updated_at: updatedAt,
  } as unknown as ThreadComment;
}

const standings = new Map<string, Standing>([
  ['admin', { role: 'admin', listed: false }],
  ['maint', { role: 'maintain', listed: false }],
]);
const rules = {
  planDigest: DIGEST,
  minPermission: 'maintain' as const,
  minApprovals: 1,
  allowSelfApproval: false,
  selfLogins: new Set<string>(),
};

describe('an edited command', () => {
  it('is edited when updated_at is later than created_at, and not when they are equal', () => {
    expect(editedAtOf({ created_at: '2026-11-23T10:00:00Z', updated_at: '2026-11-23T10:00:00Z' })).toBe(
      undefined,
    );
    expect(editedAtOf({ created_at: '2026-11-23T10:00:00Z', updated_at: '2026-11-23T10:00:01Z' })).toBe(
      '2026-11-23T10:00:01Z',
    );
    // An offset in the timestamp is read as the time it names, not compared as text.
    expect(editedAtOf({ created_at: '2026-11-23T12:00:00+02:00', updated_at: '2026-11-23T10:00:00Z' })).toBe(
      undefined,
    );
  });

  it('carries when it was edited from the comment into the command', () => {
    const { commands } = commandsIn([
      threadComment(1, 'admin', APPROVE, '2026-11-23T10:00:00Z'),
      threadComment(2, 'maint', APPROVE, '2026-11-23T10:00:00Z', '2026-11-23T10:05:00Z'),
    ]);
    expect(commands.map((c) => [c.author, c.editedAt])).toEqual([
      ['admin', undefined],
      ['maint', '2026-11-23T10:05:00Z'],
    ]);
  });

  it('does not count, whoever wrote it, approve or reject; a fresh comment after it counts', () => {
    const command = (id: number, author: string, body: string, editedAt?: string): CommandComment => ({
      id,
      url: `https://github.test/c/${id}`,
      author,
      createdAt: `2026-11-23T10:0${id}:00Z`,
      ...(editedAt ? { editedAt } : {}),
      command: parseCommand(body) ?? { kind: 'reject', reason: 'unparsed' },
    });
    const edited = [
      command(1, 'admin', APPROVE, '2026-11-23T11:00:00Z'),
      command(2, 'maint', '/reject not now', '2026-11-23T11:00:00Z'),
    ];
    const before = decide(edited, standings, rules);
    expect(before).toMatchObject({ status: 'pending', approvals: [], rejects: [], ignored: [], missing: 1 });
    expect(before.edited).toEqual([
      {
        login: 'admin',
        commentUrl: 'https://github.test/c/1',
        kind: 'approve',
        editedAt: '2026-11-23T11:00:00Z',
      },
      {
        login: 'maint',
        commentUrl: 'https://github.test/c/2',
        kind: 'reject',
        editedAt: '2026-11-23T11:00:00Z',
      },
    ]);
    const after = decide([...edited, command(3, 'admin', APPROVE)], standings, rules);
    expect(after.status).toBe('approved');
    expect(after.approvals.map((v) => v.commentId)).toEqual([3]);
    expect(after.edited).toHaveLength(2);
  });

  it('is named in the status comment, with its author and link, and asks for a new comment', () => {
    const record: ApprovalRecord = {
      schema: 'iac/approval@1',
      producer: { action: 'approval-gate', version: '0.0.0' },
      mode: 'comment',
      decidedBy: 'reviewers',
      status: 'pending',
      planDigest: DIGEST,
      stack: 'infra',
      approvers: [],
      rejects: [],
      minApprovals: 1,
      runId: 1,
      runAttempt: 1,
      decidedAt: '2026-11-23T12:00:00Z',
    };
    const edited = [
      {
        login: 'admin',
        commentUrl: 'https://github.test/c/1',
        kind: 'approve' as const,
        editedAt: '2026-11-23T11:00:00Z',
      },
    ];
    const body = renderDecision({ record, missing: 1, ignored: [], edited, malformed: [] });
    expect(body).toContain('**Edited commands do not count.**');
    expect(body).toContain(
      '> - the `/approve` of @admin ([comment](https://github.test/c/1)), edited at 2026-11-23T11:00:00Z',
    );
    expect(body).toContain('write a new comment');
    expect(renderDecision({ record, missing: 1, ignored: [], malformed: [] })).not.toContain('Edited');
  });
});
