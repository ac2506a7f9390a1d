import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { buildPlanModel, type PlanModel } from '../../../src/plan/model.js';
import { renderPlanComment, renderPlanSummary } from '../../../src/plan/plan-markdown.js';
import { renderPlanText } from '../../../src/plan/plan-text.js';
import { renderMultiStackComment } from '../../../src/plan/multi-stack.js';
import { codeBlock, codeSpan, cellCode } from '../../../src/markdown/escape.js';
import { generatePlanJson } from '../../support/plan-generator.js';
import { change, CTX, plan } from './documents.js';

/** Markdown as GitHub renders it (CommonMark + GFM; raw HTML kept, GitHub sanitizes it afterwards). */
const html = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
const count = (text: string, needle: string) => text.split(needle).length - 1;

const PAYLOADS = [
  'a`b``c```d',
  '`leading and trailing`',
  'pipe | in | it',
  '<img src=x onerror=alert(1)>',
  '</details><details open><summary>x</summary>',
  '</code></summary><script>alert(1)</script>',
  'line\nbreak\n\n# Heading\n```\nfence',
  '**bold** _em_ [link](https://evil.example) @org/team #1 :smile:',
  '&lt;entity&gt; &amp; \\| \\`',
  'rtl \u202e override \u2066 isolate',
];

describe('escaping', () => {
  it('keeps any text inside a code span', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...PAYLOADS)), (text) => {
        const rendered = html(`x ${codeSpan(text)} y`).trim();
        expect(rendered.startsWith('<p>x <code>')).toBe(true);
        expect(rendered.endsWith('</code> y</p>')).toBe(true);
        expect(count(rendered, '<code>')).toBe(1);
        expect(count(rendered, '</code>')).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any text inside one table cell', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...PAYLOADS)), (text) => {
        const rendered = html(`| a | b |\n| --- | --- |\n| ${cellCode(text)} | z |\n`);
        expect(count(rendered, '<td>')).toBe(2);
        expect(rendered).toContain('<td>z</td>');
        expect(rendered).not.toMatch(/<(img|script|details|summary|strong|em|a)\b/);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any text inside a fenced code block', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...PAYLOADS)), (text) => {
        const rendered = html(`${codeBlock(text)}\n\nafter`);
        expect(count(rendered, '<pre>')).toBe(1);
        expect(rendered.trim().endsWith('</code></pre>\n<p>after</p>')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

function hostilePlan(): PlanModel {
  const changes = PAYLOADS.flatMap((payload, i) => [
    change(`terraform_data.x[${JSON.stringify(payload)}]`, ['delete'], {
      index: payload,
      before: { id: `id-${i}`, input: { [payload]: payload } },
    }),
    change(`terraform_data.y[${JSON.stringify(payload)}]`, ['update'], {
      index: payload,
      before: { input: { [payload]: 'old' } },
      after: { input: { [payload]: payload } },
    }),
  ]);
  return buildPlanModel(
    plan(changes, {
      output_changes: {
        [PAYLOADS[3] as string]: {
          actions: ['create'],
          before: null,
          after: PAYLOADS[4],
          after_unknown: false,
          before_sensitive: false,
          after_sensitive: false,
        },
      },
      checks: [
        {
          address: { kind: 'check', to_display: 'check.c' },
          status: 'fail',
          instances: [
            {
              address: { to_display: 'check.c' },
              status: 'fail',
              problems: PAYLOADS.map((message) => ({ message })),
            },
          ],
        },
      ],
    }),
    {
      diagnostics: PAYLOADS.map((payload) => ({
        severity: 'warning' as const,
        summary: payload,
        detail: payload,
      })),
    },
  );
}

describe('a plan full of hostile text', () => {
  const hostileCtx = {
    ...CTX,
    stack: PAYLOADS[0] as string,
    workspace: PAYLOADS[2] as string,
    environment: PAYLOADS[4] as string,
    runUrl: 'https://github.com/a/b/actions/runs/1?x=)](javascript:alert(1))',
  };

  for (const [name, render] of [
    ['the comment', (model: PlanModel) => renderPlanComment(model, hostileCtx)[0] as string],
    ['the job summary', (model: PlanModel) => renderPlanSummary(model, hostileCtx)],
    [
      'the several-stacks comment',
      (model: PlanModel) =>
        renderMultiStackComment([
          { model, ctx: hostileCtx },
          { model, ctx: CTX },
        ])[0] as string,
    ],
  ] as const) {
    it(`cannot add markup to ${name} or break its layout`, () => {
      const model = hostilePlan();
      const rendered = html(render(model));
      // Only our own elements: no injected tag, link, heading, emphasis or table.
      expect(rendered).not.toMatch(/<(img|script|h1|strong>bold|em>em)\b/);
      expect(rendered).not.toContain('href="https://evil');
      expect(rendered).not.toMatch(/href="(?!https:)/);
      expect(rendered).not.toContain('<details open');
      // One <details> per resource with a diff, each closed; as many <summary> as <details>.
      const stacks = name === 'the several-stacks comment' ? 2 : 1;
      expect(count(rendered, '<details>')).toBe(stacks * PAYLOADS.length * 2);
      expect(count(rendered, '</details>')).toBe(stacks * PAYLOADS.length * 2);
      expect(count(rendered, '<summary>')).toBe(stacks * PAYLOADS.length * 2);
      // A payload's line break starts no block of its own: "# Heading" is only ever inside code.
      expect(rendered).not.toMatch(/<h1>/);
      expect(rendered.replace(/<pre>[\s\S]*?<\/pre>/g, '')).not.toMatch(/^# Heading/m);
      expect(rendered).not.toMatch(/\u202e|\u2066/);
    });
  }

  it('keeps the several-stacks table to one row per stack with every cell in place', () => {
    const model = hostilePlan();
    const rendered = html(
      renderMultiStackComment([
        { model, ctx: hostileCtx },
        { model, ctx: CTX },
      ])[0] as string,
    );
    const table = rendered.slice(rendered.indexOf('<table>'), rendered.indexOf('</table>'));
    const rows = table.split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(count(row, '<td')).toBe(12);
  });
});

describe('the size ladder', () => {
  /** A plan with `n` updates whose diffs are `width` characters wide, and two deletes. */
  function wide(n: number, width: number): PlanModel {
    const changes = [
      change('terraform_data.gone_a', ['delete'], { before: { id: 'a' } }),
      change('terraform_data.gone_b', ['delete'], { before: { id: 'b' } }),
    ];
    for (let i = 0; i < n; i++) {
      changes.push(
        change(`terraform_data.u[${i}]`, ['update'], {
          index: i,
          before: { input: { value: 'x'.repeat(width) } },
          after: { input: { value: 'y'.repeat(width) } },
        }),
      );
    }
    return buildPlanModel(plan(changes));
  }

  const levelOf = (body: string) =>
    body.includes('<details>')
      ? 'full'
      : body.includes('`input.value`')
        ? 'collapsed'
        : body.includes('too large to show whole')
          ? 'counts'
          : 'addresses';

  it('takes the most detailed rendering that fits, step by step, and never passes the limit', () => {
    const model = wide(300, 200);
    const full = renderPlanComment(model, CTX, { limit: 1_000_000 })[0] as string;
    const collapsed = renderPlanComment(model, CTX, { limit: full.length - 1 })[0] as string;
    const addresses = renderPlanComment(model, CTX, { limit: collapsed.length - 1 })[0] as string;
    const counts = renderPlanComment(model, CTX, { limit: addresses.length - 1 })[0] as string;
    expect([full, collapsed, addresses, counts].map(levelOf)).toEqual([
      'full',
      'collapsed',
      'addresses',
      'counts',
    ]);
    expect(collapsed.length).toBeLessThan(full.length);
    expect(addresses.length).toBeLessThan(collapsed.length);
    expect(counts.length).toBeLessThanOrEqual(addresses.length - 1);
    // The most compact step: the first 10 updates, how many more, and where the whole plan is.
    expect(counts).toContain('`terraform_data.u[9]`');
    expect(counts).not.toContain('`terraform_data.u[10]`');
    expect(counts).toContain('- … and 290 more');
    expect(counts).toContain('[run](https://github.com/acme/infra/actions/runs/42)');
    // Every step lists every delete.
    for (const body of [full, collapsed, addresses, counts]) {
      expect(body).toContain('> - `terraform_data.gone_a` destroyed');
      expect(body).toContain('> - `terraform_data.gone_b` destroyed');
    }
  });

  it('fits every limit it is given, from the smallest allowed up', () => {
    const model = wide(300, 100);
    fc.assert(
      fc.property(fc.integer({ min: 4_096, max: 200_000 }), (limit) => {
        const bodies = renderPlanComment(model, CTX, { limit });
        for (const body of bodies) expect(body.length).toBeLessThanOrEqual(limit);
        const summary = renderPlanSummary(model, CTX, { limitBytes: limit });
        expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 30 },
    );
  });

  it('shortens values that are too long to read', () => {
    const body = renderPlanComment(wide(1, 5_000), CTX)[0] as string;
    expect(body).toMatch(/"x{499}… \(4502 more characters\)/);
  });

  it('counts the job summary in UTF-8 bytes', () => {
    const changes = Array.from({ length: 3_000 }, (_, i) =>
      change(`terraform_data.ü[${i}]`, ['create'], { index: i, after: { input: 'ü'.repeat(300) } }),
    );
    const model = buildPlanModel(plan(changes));
    const summary = renderPlanSummary(model, CTX, { limitBytes: 200_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(200_000);
    expect(summary.length).toBeLessThan(200_000);
  });
});

describe('20,000 changes', () => {
  const model = buildPlanModel(JSON.parse(generatePlanJson(20_000)));
  const destructive = model.resources.filter((r) => r.action === 'delete' || r.action === 'replace');

  it('render a comment under 65,536 characters that, with its continuations, lists every delete and replace', () => {
    const bodies = renderPlanComment(model, CTX);
    expect(destructive).toHaveLength(8_000);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(body.length).toBeLessThan(65_536);
    const listed = bodies.flatMap((body) =>
      body.split('\n').flatMap((line) => /^(?:> )?- `([^`]+)` (?:destroyed|replaced)/.exec(line)?.[1] ?? []),
    );
    expect(listed).toEqual(destructive.map((r) => r.address));
    const [main] = bodies;
    expect(main).toContain(`**${destructive.length} resources will be destroyed or replaced:**`);
    expect(main).toMatch(new RegExp(`listed in continuation comments 2 to ${bodies.length}\\.`));
    bodies.slice(1).forEach((body, i) => {
      expect(body.split('\n')[0]).toBe(
        `### Plan for \`network\` · workspace \`default\` · environment \`prod\` (continued, ${i + 2} of ${bodies.length})`,
      );
    });
  });

  it('render a job summary under 1,000,000 bytes that says where the rest of the list is', () => {
    const summary = renderPlanSummary(model, CTX);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_000_000);
    expect(summary).toContain(`**${destructive.length} resources will be destroyed or replaced:**`);
  });
});

describe('several stacks', () => {
  const small = buildPlanModel(plan([change('terraform_data.a', ['create'], { after: { input: 1 } })]));
  const none = buildPlanModel(plan([]));
  const failed = buildPlanModel(plan([], { errored: true }));

  it('have a row each, then each stack under its own heading', () => {
    const [body, ...rest] = renderMultiStackComment([
      { model: small, ctx: { ...CTX, stack: 'app' } },
      { model: none, ctx: { ...CTX, stack: 'dns', environment: undefined } },
      { model: failed, ctx: { ...CTX, stack: 'db' } },
    ]);
    expect(rest).toEqual([]);
    expect(body).toContain('## Plans for 3 stacks');
    expect(body).toContain(
      '| <code>app</code> | <code>default</code> | <code>prod</code> | Changes | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    );
    expect(body).toContain('| <code>dns</code> | <code>default</code> |  | No changes | 0 |');
    expect(body).toContain(
      '| <code>db</code> | <code>default</code> | <code>prod</code> | The plan failed |',
    );
    const headings = body?.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### `app` · workspace `default` · environment `prod`',
      '### `dns` · workspace `default`',
      '### `db` · workspace `default` · environment `prod`',
    ]);
    expect(body).toContain('> [!CAUTION]');
  });

  it('degrade together and continue every stack’s deletes in order', () => {
    const big = buildPlanModel(JSON.parse(generatePlanJson(3_000)));
    const bodies = renderMultiStackComment(
      [
        { model: big, ctx: { ...CTX, stack: 'one' } },
        { model: small, ctx: { ...CTX, stack: 'two' } },
        { model: big, ctx: { ...CTX, stack: 'three' } },
      ],
      { limit: 20_000 },
    );
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(20_000);
    const destructive = big.resources.filter((r) => r.action === 'delete' || r.action === 'replace');
    const listed = bodies.flatMap((body) =>
      body.split('\n').flatMap((line) => /^(?:> )?- `([^`]+)` (?:destroyed|replaced)/.exec(line)?.[1] ?? []),
    );
    expect(listed).toEqual([...destructive, ...destructive].map((r) => r.address));
    expect(bodies[1]).toContain(
      '**`one` · workspace `default` · environment `prod`: destroyed or replaced resources, continued:**',
    );
  });
});

describe('a plan that deploys a release again', () => {
  const source =
    'Promotes release 1234 of staging (commit 3f5e2a9c1b7d, image ami-0abc, smoke 22/22, age 3 h)';

  it('says so under the title, in the comment, the summary and the text, before the changes', () => {
    const model = buildPlanModel(plan([change('aws_instance.web', ['create'])]));
    const [comment] = renderPlanComment(model, { ...CTX, source });
    const lines = (comment ?? '').split('\n');
    expect(lines[0]).toMatch(/^### Plan for /);
    expect(lines.slice(1, 3)).toEqual(['', `> **${source}**`]);
    expect(renderPlanSummary(model, { ...CTX, source })).toContain(`\n> **${source}**\n`);
    expect(renderPlanText(model, { ...CTX, source }).split('\n')[1]).toBe(source);
  });

  it('cannot break out of its quote: markup and line breaks in it are shown as text', () => {
    const model = buildPlanModel(plan([]));
    const [comment] = renderPlanComment(model, { ...CTX, source: 'Promotes **x** <b>y</b>\n### z | @team' });
    const quote = (comment ?? '').split('\n')[2] ?? '';
    expect(quote).toMatch(/^> \*\*Promotes .* z .*team\*\*$/);
    expect(quote).toContain('@\u2060team');
    const html = micromark(comment ?? '', { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<h3>z');
  });
});
