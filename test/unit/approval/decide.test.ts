import { describe, expect, it } from '@jest/globals';
import { commandProblem, parseCommand } from '../../../src/approval/commands.js';
import { decide, type CommandComment, type Standing } from '../../../src/approval/decide.js';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const OTHER = `sha256:${'cd34'.repeat(16)}`;

describe('approval commands', () => {
  it('are the whole comment: /approve with 12 to 64 hex digits, or /reject with a reason', () => {
    expect(parseCommand(`/approve ${'ab12'.repeat(3)}`)).toEqual({
      kind: 'approve',
      digestPrefix: 'ab12ab12ab12',
    });
    expect(parseCommand(`  /approve sha256:${'AB12'.repeat(16)}\n`)).toEqual({
      kind: 'approve',
      digestPrefix: 'ab12'.repeat(16),
    });
    expect(parseCommand('/reject the subnet is too small\nsee the CIDR')).toEqual({
      kind: 'reject',
      reason: 'the subnet is too small\nsee the CIDR',
    });
  });

  it.each([
    ['no digest', '/approve'],
    ['a short digest', '/approve ab12ab12ab1'],
    ['extra words', `/approve ${'ab12'.repeat(3)} looks good`],
    ['a second line', `/approve ${'ab12'.repeat(3)}\nthanks`],
    ['a quote', `> /approve ${'ab12'.repeat(3)}`],
    ['a code block', `\`\`\`\n/approve ${'ab12'.repeat(3)}\n\`\`\``],
    ['inline code', `\`/approve ${'ab12'.repeat(3)}\``],
    ['words before it', `LGTM /approve ${'ab12'.repeat(3)}`],
    ['a reject without a reason', '/reject'],
    ['a longer word', `/approved ${'ab12'.repeat(3)}`],
  ])('are not counted with %s', (_, body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it('tell the author of a malformed command what to write', () => {
    expect(commandProblem('/approve')).toMatch(/first 12 or more hex digits/);
    expect(commandProblem('/reject')).toMatch(/followed by the reason/);
    expect(commandProblem('nice work')).toBeUndefined();
  });
});

let nextId = 1;
function comment(author: string, body: string, createdAt = '2026-11-23T10:00:00Z'): CommandComment {
  const command = parseCommand(body);
  if (!command) throw new Error(`not a command: ${body}`);
  const id = nextId++;
  return { id, url: `https://github.test/c/${id}`, author, createdAt, command };
}
const approve = (author: string, digest = DIGEST, at?: string) =>
  comment(author, `/approve ${digest.slice(7, 23)}`, at);

const standings = new Map<string, Standing>([
  ['admin', { role: 'admin', listed: false }],
  ['maint', { role: 'maintain', listed: false }],
  ['writer', { role: 'write', listed: false }],
  ['triager', { role: 'triage', listed: false }],
  ['reader', { role: 'read', listed: false }],
  ['teamed', { role: 'read', listed: true }],
  ['author', { role: 'admin', listed: false }],
]);
const rules = {
  planDigest: DIGEST,
  planCreatedAt: '2026-11-23T09:00:00Z',
  minPermission: 'maintain' as const,
  minApprovals: 1,
  allowSelfApproval: false,
  selfLogins: new Set(['author']),
};

describe('deciding', () => {
  it('counts approvals from maintain and admin, and from people approvers lists; not from lower roles', () => {
    const decision = decide(
      ['admin', 'maint', 'writer', 'triager', 'reader', 'teamed', 'stranger'].map((login) => approve(login)),
      standings,
      { ...rules, minApprovals: 3 },
    );
    expect(decision.status).toBe('approved');
    expect(decision.approvals.map((v) => v.login)).toEqual(['admin', 'maint', 'teamed']);
    expect(decision.ignored.map((i) => i.login)).toEqual(['writer', 'triager', 'reader', 'stranger']);
    expect(decision.ignored[0]?.why).toMatch(/the write permission.*maintain or a place in approvers/);
  });

  it('lowers the bar with min-permission: write', () => {
    const decision = decide([approve('writer')], standings, { ...rules, minPermission: 'write' });
    expect(decision.status).toBe('approved');
  });

  it('refuses self-approval unless allowed', () => {
    expect(decide([approve('author')], standings, rules).status).toBe('pending');
    expect(decide([approve('author')], standings, { ...rules, allowSelfApproval: true }).status).toBe(
      'approved',
    );
  });

  it('ignores an approval of another digest', () => {
    const decision = decide([approve('admin', OTHER)], standings, rules);
    expect(decision.status).toBe('pending');
    expect(decision.ignored[0]?.why).toMatch(/not the current plan/);
  });

  it('lets one reject win over any number of approvals, and ignores a reject of an earlier plan', () => {
    const rejected = decide(
      [approve('admin'), approve('maint'), comment('teamed', '/reject not during the freeze')],
      standings,
      { ...rules, minApprovals: 2 },
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.rejects).toEqual([
      expect.objectContaining({ login: 'teamed', reason: 'not during the freeze' }),
    ]);
    const old = decide(
      [comment('maint', '/reject old', '2026-11-23T08:00:00Z'), approve('admin')],
      standings,
      rules,
    );
    expect(old.status).toBe('approved');
  });

  it('takes each person’s latest command: a reviewer who rejected and then approves has approved', () => {
    const decision = decide(
      [
        comment('maint', '/reject wait', '2026-11-23T10:00:00Z'),
        approve('maint', DIGEST, '2026-11-23T11:00:00Z'),
      ],
      standings,
      rules,
    );
    expect(decision.status).toBe('approved');
  });

  it('needs min-approvals distinct people: one person approving twice is one', () => {
    const decision = decide([approve('admin'), approve('admin')], standings, { ...rules, minApprovals: 2 });
    expect(decision.status).toBe('pending');
    expect(decision.approvals).toHaveLength(1);
    expect(decision.missing).toBe(1);
  });
});
