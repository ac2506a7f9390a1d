import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { PolicyFinding } from '../../../src/contracts/manifest.js';
import { buildPlanModel, type PlanModel } from '../../../src/plan/model.js';
import { renderMultiStackComment } from '../../../src/plan/multi-stack.js';
import { renderPlanComment, renderPlanSummary } from '../../../src/plan/plan-markdown.js';
import { renderPlanText } from '../../../src/plan/plan-text.js';
import { generatePlanJson } from '../../support/plan-generator.js';
import { samplePolicyResult } from '../contracts/fixtures.js';
import { change, CTX, plan } from './documents.js';

/**
 * The Policy section of the plan comment, the job summary and the log: above the changes, passed or
 * every failure with its rule, address and message, escaped; and within the size budget, never a
 * failure dropped: the changes shrink first, then the messages, and only then do failures continue in
 * further comments.
 */

const html = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const ctx = { ...CTX, planDigest: DIGEST };

const policy = samplePolicyResult;

const TWO_FAILURES: PolicyFinding[] = [
  {
    rule: 'deny_vm_size',
    message: 'terraform_data.web has size "huge", which is not one of the allowed sizes',
    address: 'terraform_data.web',
  },
  { rule: 'deny_missing_owner', message: 'a VM has no owner tag' },
];

const small = buildPlanModel(
  plan([
    change('terraform_data.web', ['create'], { after: { input: { size: 'huge' } } }),
    change('terraform_data.old', ['delete'], { before: { id: 'x' } }),
  ]),
);

/** The policy failure lines of a body, quoted (main body) or not (continuations): rule and address. */
function failureLines(body: string): string[] {
  return body.split('\n').filter((line) => /^(?:> )?- `deny_/.test(line));
}

describe('the Policy section', () => {
  it('says the check passed, with the rules evaluated, the namespace and conftest, above the changes', () => {
    const passed = policy();
    const [comment] = renderPlanComment(small, { ...ctx, policy: passed });
    const line = '**Policy: passed** — 3 rules evaluated in namespace `terraform`, conftest `0.71.1`.';
    expect(comment).toContain(`\n${line}\n`);
    expect(comment?.indexOf(line)).toBeLessThan(comment?.indexOf('**Plan:**') ?? -1);
    expect(renderPlanSummary(small, { ...ctx, policy: passed })).toContain(line);
    const text = renderPlanText(small, { ...ctx, policy: passed });
    expect(text).toContain('Policy: passed. 3 rules evaluated in namespace terraform, conftest 0.71.1.\n');
    expect(text.indexOf('Policy: passed')).toBeLessThan(text.indexOf('Plan: '));
  });

  it('lists every failure with its rule, address and message, and says who accepts them and how', () => {
    const failed = policy({
      failures: TWO_FAILURES,
      warnings: [{ rule: 'warn_medium', message: 'db is medium', address: 'terraform_data.db' }],
    });
    const [comment = ''] = renderPlanComment(small, { ...ctx, policy: failed });
    const lines = comment.split('\n');
    const start = lines.indexOf('> [!CAUTION]');
    expect(lines.slice(start, start + 5)).toEqual([
      '> [!CAUTION]',
      '> **Policy: 2 failures.** This plan is not approved, and tf-apply does not apply it, until a policy owner accepts exactly these failures with `/approve-policy 0123456789ab` (namespace `terraform`, conftest `0.71.1`).',
      '>',
      '> - `deny_vm_size` on `terraform_data.web`: `terraform_data.web has size "huge", which is not one of the allowed sizes`',
      '> - `deny_missing_owner`: `a VM has no owner tag`',
    ]);
    expect(lines.slice(start + 5, start + 10)).toEqual([
      '',
      '**Policy warnings (1):**',
      '',
      '- `warn_medium` on `terraform_data.db`: `db is medium`',
      '',
    ]);
    expect(start).toBeLessThan(lines.findIndex((line) => line.startsWith('**Plan:**')));
    // Rendered as GitHub does: an alert with a list of two.
    const rendered = html(comment);
    expect(rendered).toContain(
      '<li><code>deny_vm_size</code> on <code>terraform_data.web</code>: <code>terraform_data.web has size',
    );

    const text = renderPlanText(small, { ...ctx, policy: failed });
    expect(text).toContain(
      [
        'Policy: 2 failures. This plan is not approved, and tf-apply does not apply it, until a policy owner accepts exactly these failures with /approve-policy 0123456789ab (namespace terraform, conftest 0.71.1).',
        '  deny_vm_size on terraform_data.web: terraform_data.web has size "huge", which is not one of the allowed sizes',
        '  deny_missing_owner: a VM has no owner tag',
        'Policy warnings (1):',
        '  warn_medium on terraform_data.db: db is medium',
      ].join('\n'),
    );
  });

  it('under policy-mode: warn, says the failures do not block', () => {
    const warned = policy({ mode: 'warn', failures: TWO_FAILURES });
    const [comment = ''] = renderPlanComment(small, { ...ctx, policy: warned });
    expect(comment).toContain(
      '> [!WARNING]\n> **Policy: 2 failures, not blocking.** `policy-mode: warn`: the failures are shown, not enforced, and hold neither the approval nor the apply (namespace `terraform`, conftest `0.71.1`).\n>\n> - `deny_vm_size`',
    );
    expect(comment).not.toContain('/approve-policy');
    expect(comment).not.toContain('[!CAUTION]');
    expect(renderPlanText(small, { ...ctx, policy: warned })).toContain(
      'Policy: 2 failures, not blocking. policy-mode: warn: the failures',
    );
    // A passing check under warn says so too: the mode is the plan's, chosen at plan time.
    const [passed = ''] = renderPlanComment(small, { ...ctx, policy: policy({ mode: 'warn' }) });
    expect(passed).toContain(
      'conftest `0.71.1`; `policy-mode: warn`: a failure would be shown, not enforced.',
    );
  });

  it('names no digest it does not know', () => {
    const [comment = ''] = renderPlanComment(small, {
      ...ctx,
      planDigest: '',
      policy: policy({ failures: TWO_FAILURES }),
    });
    expect(comment).toContain('`/approve-policy <digest>`');
  });

  it('cannot be broken out of by what a policy or a plan puts in a rule, address or message', () => {
    const hostile = [
      '**bold** [link](https://evil.example) @org/team #1',
      '<img src=x onerror=alert(1)>',
      'line\n\n# Heading\n```\nfence',
      '</details>`code` | pipe',
      'rtl \u202e override',
    ];
    const failures = hostile.map((text, i) => ({
      rule: i === 0 ? 'deny_x' : `deny_${text}`,
      message: text,
      address: `terraform_data.x["${text}"]`,
    }));
    const [comment = ''] = renderPlanComment(small, {
      ...ctx,
      policy: policy({ failures, warnings: failures }),
    });
    const rendered = html(comment);
    expect(rendered).not.toMatch(/<(img|h1|strong>bold)\b/);
    expect(rendered).not.toContain('href="https://evil');
    expect(rendered).not.toMatch(/\u202e/);
    // Each failure and each warning is one list item: 5 + 5, and the one destroy of the banner.
    expect(rendered.split('<li>').length - 1).toBe(11);
  });
});

describe('the size budget', () => {
  const big = buildPlanModel(JSON.parse(generatePlanJson(3_000)));
  const destructive = big.resources.filter((r) => r.action === 'delete' || r.action === 'replace');

  function failuresOf(n: number, messageLength: number): PolicyFinding[] {
    return Array.from({ length: n }, (_, i) => {
      const address = `terraform_data.vm["vm-${String(i).padStart(4, '0')}"]`;
      return {
        rule: 'deny_missing_owner',
        address,
        message: `${address} has no owner tag `.padEnd(messageLength, 'x'),
      };
    });
  }

  it('shrinks the changes first: every failure stays whole while the changes go to counts', () => {
    const failures = failuresOf(10, 300);
    const [body = '', ...rest] = renderPlanComment(
      big,
      { ...ctx, policy: policy({ failures }) },
      { limit: 60_000 },
    );
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toContain('too large to show whole');
    expect(failureLines(body)).toHaveLength(10);
    for (const f of failures) expect(body).toContain(f.message);
    // The deletes continue as they always did; no failure is among the continuations.
    expect(rest.length).toBeGreaterThan(0);
    for (const more of rest) expect(failureLines(more)).toEqual([]);
  });

  it('cuts every message to one length, never the list, when the failures alone do not fit', () => {
    const failures = failuresOf(200, 1_000);
    const bodies = renderPlanComment(big, { ...ctx, policy: policy({ failures }) });
    const [main = ''] = bodies;
    const lines = failureLines(main);
    expect(lines).toHaveLength(200);
    const cut = lines.map((line) => /x+… \((\d+) more characters\)`$/.exec(line)?.[1]);
    expect(new Set(cut).size).toBe(1);
    expect(Number(cut[0])).toBeGreaterThan(0);
    // As long as they can be: the main body is full to within a few failures' worth.
    expect(main.length).toBeGreaterThan(65_536 - 2_048 - 200 * 3);
    // The deletes are all still listed, in continuations.
    const listed = bodies.flatMap((body) =>
      body.split('\n').flatMap((line) => /^(?:> )?- `([^`]+)` (?:destroyed|replaced)/.exec(line)?.[1] ?? []),
    );
    expect(listed).toEqual(destructive.map((r) => r.address));
  });

  it('2,000 failures: every one in the comment and its continuations, in order, and every one in the summary', () => {
    const failures = failuresOf(2_000, 400);
    const bodies = renderPlanComment(big, { ...ctx, policy: policy({ failures }) });
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(65_536);
    const addresses = bodies.flatMap((body) =>
      failureLines(body).map((line) => /^(?:> )?- `deny_missing_owner` on `([^`]+)`/.exec(line)?.[1]),
    );
    expect(addresses).toEqual(failures.map((f) => f.address));
    // Cut to the shortest length before they continue: 80 characters of each message.
    expect(failureLines(bodies[0] ?? '')[0]).toMatch(/x+… \(320 more characters\)`$/);
    expect(bodies[0]).toMatch(/> - … and \d+ more, listed in continuation comments 2 to \d+\./);
    expect(bodies[1]).toContain('**policy failures, continued:**');
    // The deletes follow the failures.
    const listed = bodies.flatMap((body) =>
      body.split('\n').flatMap((line) => /^(?:> )?- `([^`]+)` (?:destroyed|replaced)/.exec(line)?.[1] ?? []),
    );
    expect(listed).toEqual(destructive.map((r) => r.address));

    const summary = renderPlanSummary(big, { ...ctx, policy: policy({ failures }) });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_000_000);
    expect(failureLines(summary)).toHaveLength(2_000);
    // Whole: 400 characters fit the summary's 1 MB.
    expect(failureLines(summary)).toEqual(
      failures.map((f) => `> - \`${f.rule}\` on \`${f.address}\`: \`${f.message}\``),
    );

    const text = new Set(renderPlanText(big, { ...ctx, policy: policy({ failures }) }).split('\n'));
    for (const f of failures) expect(text.has(`  ${f.rule} on ${f.address}: ${f.message}`)).toBe(true);
  });

  it('2,000 failures with long messages: every one in the one job summary, each message cut', () => {
    const failures = failuresOf(2_000, 1_000);
    const summary = renderPlanSummary(big, { ...ctx, policy: policy({ failures }) });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_000_000);
    const lines = failureLines(summary);
    expect(lines.map((line) => /on `([^`]+)`/.exec(line)?.[1])).toEqual(failures.map((f) => f.address));
    expect(new Set(lines.map((line) => /\((\d+) more characters\)`$/.exec(line)?.[1])).size).toBe(1);
  });

  it('fits every limit it is given, failures and deletes together', () => {
    const model = buildPlanModel(JSON.parse(generatePlanJson(300)));
    const failures = failuresOf(150, 200);
    fc.assert(
      fc.property(fc.integer({ min: 4_096, max: 120_000 }), (limit) => {
        const bodies = renderPlanComment(model, { ...ctx, policy: policy({ failures }) }, { limit });
        for (const body of bodies) expect(body.length).toBeLessThanOrEqual(limit);
        const listed = bodies.flatMap((body) => failureLines(body));
        expect(listed).toHaveLength(150);
        const summary = renderPlanSummary(
          model,
          { ...ctx, policy: policy({ failures }) },
          { limitBytes: limit },
        );
        expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 25 },
    );
  });
});

describe('several stacks', () => {
  it('show each stack’s policy result in its row and its section', () => {
    const none: PlanModel = buildPlanModel(plan([]));
    const [body = ''] = renderMultiStackComment([
      { model: small, ctx: { ...ctx, stack: 'vms', policy: policy({ failures: TWO_FAILURES }) } },
      { model: none, ctx: { ...ctx, stack: 'dns', policy: policy() } },
      {
        model: none,
        ctx: { ...ctx, stack: 'net', policy: policy({ mode: 'warn', failures: TWO_FAILURES }) },
      },
      { model: none, ctx: { ...ctx, stack: 'old' } },
    ]);
    expect(body).toContain(
      '| <code>vms</code> | <code>default</code> | <code>prod</code> | Changes · 2 policy failures | 1 |',
    );
    expect(body).toContain(
      '| <code>dns</code> | <code>default</code> | <code>prod</code> | No changes · policy passed | 0 |',
    );
    expect(body).toContain('| No changes · 2 policy failures (not blocking) | 0 |');
    expect(body).toContain(
      '| <code>old</code> | <code>default</code> | <code>prod</code> | No changes | 0 |',
    );
    expect(body.split('\n').filter((line) => line.startsWith('> **Policy: 2 failures'))).toHaveLength(2);
  });
});
