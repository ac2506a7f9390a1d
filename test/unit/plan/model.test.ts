import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConfigurationError } from '../../../src/core/errors.js';
import { buildPlanModel } from '../../../src/plan/model.js';
import { renderPlanComment } from '../../../src/plan/plan-markdown.js';
import { renderPlanText } from '../../../src/plan/plan-text.js';
import { summarizePlan } from '../../../src/terraform/plan-summary.js';
import { change, CTX, plan } from './documents.js';

const VALID_ACTIONS = [
  ['no-op'],
  ['create'],
  ['read'],
  ['update'],
  ['delete', 'create'],
  ['create', 'delete'],
  ['delete'],
  ['forget'],
  ['forget', 'create'],
];

/** The counts straight from resource_changes, written apart from the model on purpose. */
interface RawChange {
  address: string;
  previous_address?: string;
  change: { actions: string[]; importing?: unknown };
}

function countsOf(changes: RawChange[]) {
  const counts = { add: 0, change: 0, replace: 0, destroy: 0, import: 0, move: 0, forget: 0, read: 0 };
  for (const rc of changes) {
    const actions: string[] = rc.change.actions;
    if (rc.change.importing) counts.import++;
    if (rc.previous_address && rc.previous_address !== rc.address) counts.move++;
    const key = actions.join('+');
    if (key === 'delete+create' || key === 'create+delete') counts.replace++;
    else if (key === 'forget+create') {
      counts.forget++;
      counts.add++;
    } else if (key === 'create') counts.add++;
    else if (key === 'update') counts.change++;
    else if (key === 'delete') counts.destroy++;
    else if (key === 'forget') counts.forget++;
    else if (key === 'read') counts.read++;
  }
  return counts;
}

const resourceChanges = fc
  .uniqueArray(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 8 }),
      actions: fc.constantFrom(...VALID_ACTIONS),
      imported: fc.boolean(),
      moved: fc.boolean(),
    }),
    { selector: (r) => r.name, maxLength: 40 },
  )
  .map((items) =>
    items.map((item) =>
      change(`terraform_data.r[${JSON.stringify(item.name)}]`, item.actions, {
        index: item.name,
        before: item.actions[0] === 'create' && item.actions.length === 1 ? undefined : { input: 1 },
        after: item.actions.includes('create') || item.actions.includes('update') ? { input: 2 } : undefined,
        ...(item.imported ? { importing: { id: `id-${item.name}` } } : {}),
        ...(item.moved ? { previousAddress: `terraform_data.old[${JSON.stringify(item.name)}]` } : {}),
      }),
    ),
  );

describe('the counts', () => {
  it('are the counts computed straight from resource_changes, in the model, the comment and the log', () => {
    fc.assert(
      fc.property(resourceChanges, (changes) => {
        const doc = plan(changes);
        const model = buildPlanModel(doc);
        const expected = countsOf(changes as unknown as RawChange[]);
        expect(model.counts).toMatchObject(expected);

        // The model agrees with summarizePlan, which feeds tf-plan's outputs.
        const summary = summarizePlan(doc);
        expect(summary).toMatchObject({
          add: model.counts.add,
          change: model.counts.change,
          replace: model.counts.replace,
          destroy: model.counts.destroy,
          import: model.counts.import,
          move: model.counts.move,
          forget: model.counts.forget,
          hasChanges: model.hasChanges,
        });

        const main = `${expected.add} to add, ${expected.change} to change, ${expected.replace} to replace, ${expected.destroy} to destroy`;
        const comment = renderPlanComment(model, CTX)[0] as string;
        const text = renderPlanText(model, CTX);
        if (model.hasChanges) {
          expect(comment).toContain(`**Plan:** ${main}`);
          expect(text).toContain(`Plan: ${main}`);
          for (const [count, word] of [
            [expected.import, 'to import'],
            [expected.move, 'to move'],
            [expected.forget, 'to forget'],
          ] as const) {
            if (count > 0) expect(comment).toContain(`${count} ${word}`);
            else expect(comment).not.toContain(word);
          }
        } else {
          expect(comment).toContain('**No changes.**');
        }
        // The banner names every delete and replace, the ones summarizePlan lists, in the same order.
        const banner = comment.split('\n').filter((line) => line.startsWith('> - '));
        expect(banner).toHaveLength(summary.deletes.length);
        summary.deletes.forEach((address, i) => expect(banner[i]).toContain(address));
      }),
      { numRuns: 200 },
    );
  });
});

describe('attribute changes', () => {
  it('shows what changed, walking nested objects and lists, with unknowns as known after apply', () => {
    const model = buildPlanModel(
      plan([
        change('terraform_data.a', ['update'], {
          before: { id: 'x', input: { a: 1, list: [1, 2], keep: 'same', 'odd key': 'v' }, output: { a: 1 } },
          after: { id: 'x', input: { a: 2, list: [1, 3, 4], keep: 'same', 'odd key': 'w' } },
          afterUnknown: { input: { list: [false, false, false] }, output: true },
        }),
      ]),
    );
    expect(model.resources[0]?.attributes).toEqual([
      {
        path: 'input.a',
        before: { kind: 'known', text: '1' },
        after: { kind: 'known', text: '2' },
        forcesReplacement: false,
      },
      {
        path: 'input.list[1]',
        before: { kind: 'known', text: '2' },
        after: { kind: 'known', text: '3' },
        forcesReplacement: false,
      },
      {
        path: 'input.list[2]',
        before: { kind: 'absent' },
        after: { kind: 'known', text: '4' },
        forcesReplacement: false,
      },
      {
        path: 'input["odd key"]',
        before: { kind: 'known', text: '"v"' },
        after: { kind: 'known', text: '"w"' },
        forcesReplacement: false,
      },
      {
        path: 'output',
        before: { kind: 'known', text: '{"a": 1}' },
        after: { kind: 'unknown' },
        forcesReplacement: false,
      },
    ]);
  });

  it('marks the paths that force a replacement, and keeps the two replace orders apart', () => {
    const model = buildPlanModel(
      plan([
        change('terraform_data.a', ['delete', 'create'], {
          before: { id: 'x', triggers_replace: 1 },
          after: { triggers_replace: 2 },
          afterUnknown: { id: true },
          replacePaths: [['triggers_replace']],
          actionReason: 'replace_because_cannot_update',
        }),
        change('terraform_data.b', ['create', 'delete'], {
          before: { id: 'y' },
          after: {},
          afterUnknown: { id: true },
        }),
      ]),
    );
    const [a, b] = model.resources;
    expect(a).toMatchObject({
      action: 'replace',
      replaceOrder: 'delete-then-create',
      replacePaths: ['triggers_replace'],
    });
    expect(a?.attributes.find((x) => x.path === 'triggers_replace')?.forcesReplacement).toBe(true);
    expect(b).toMatchObject({ action: 'replace', replaceOrder: 'create-then-delete' });
  });

  it('never keeps a sensitive value, at any depth, and hides a value sensitive on either side on both', () => {
    const model = buildPlanModel(
      plan(
        [
          change('terraform_data.a', ['update'], {
            before: { input: { user: 'admin', password: 'old-secret-1', nested: ['x', 'list-secret-9'] } },
            after: { input: { user: 'admin', password: 'new-secret-2', nested: ['x', 'list-secret-8'] } },
            beforeSensitive: { input: { password: true, nested: [false, true] } },
            afterSensitive: { input: { password: true, nested: [false, true] } },
          }),
          change('terraform_data.b', ['update'], {
            before: { token: 'became-secret-3' },
            after: { token: 'became-secret-4' },
            afterSensitive: { token: true },
          }),
          change('terraform_data.c', ['create'], {
            after: { whole: { a: 'whole-secret-5' } },
            afterSensitive: true,
          }),
        ],
        {
          output_changes: {
            pw: {
              actions: ['create'],
              before: null,
              after: 'output-secret-6',
              after_unknown: false,
              before_sensitive: false,
              after_sensitive: true,
            },
            nested: {
              actions: ['update'],
              before: { k: 'a' },
              after: { k: 'nested-output-secret-7', open: 1 },
              after_unknown: false,
              before_sensitive: false,
              after_sensitive: { k: true },
            },
          },
        },
      ),
    );
    const everything = JSON.stringify(model) + renderPlanText(model) + renderPlanComment(model, CTX).join('');
    for (const secret of [
      'old-secret-1',
      'new-secret-2',
      'became-secret-3',
      'became-secret-4',
      'whole-secret-5',
      'output-secret-6',
      'nested-output-secret-7',
      'list-secret-8',
      'list-secret-9',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(model.resources[0]?.attributes.map((a) => [a.path, a.before.kind, a.after.kind])).toEqual([
      ['input.nested[1]', 'sensitive', 'sensitive'],
      ['input.password', 'sensitive', 'sensitive'],
    ]);
    expect(model.outputs).toEqual([
      { name: 'pw', action: 'create', before: { kind: 'absent' }, after: { kind: 'sensitive' } },
      {
        name: 'nested',
        action: 'update',
        before: { kind: 'known', text: '{"k": "a"}' },
        after: { kind: 'known', text: '{"k": (sensitive), "open": 1}' },
      },
    ]);
  });

  it('shows the parts of an output value that are known only after apply as such, not as null', () => {
    // As tofu 1.12 writes an output listing attributes of resources still to be created.
    const model = buildPlanModel(
      plan([], {
        output_changes: {
          names: {
            actions: ['create'],
            before: null,
            after: [null, 'known', null],
            after_unknown: [true, false, true],
            before_sensitive: false,
            after_sensitive: false,
          },
          inventory: {
            actions: ['create'],
            before: null,
            after: { web: {} },
            after_unknown: { web: { hosts: true } },
            before_sensitive: false,
            after_sensitive: false,
          },
        },
      }),
    );
    expect(model.outputs.map((output) => output.after)).toEqual([
      { kind: 'known', text: '[(known after apply), "known", (known after apply)]' },
      { kind: 'known', text: '{"web": {"hosts": (known after apply)}}' },
    ]);
  });

  it('redacts a sensitive value where the document copied it without the mark, and sensitive variables', () => {
    // As tofu 1.12 writes terraform_data: `output` copies a sensitive `input` but is not marked.
    const model = buildPlanModel(
      plan(
        [
          change('terraform_data.a', ['update'], {
            before: { input: { s: 'hunter2' }, output: { s: 'hunter2', note: 'pw=hunter2!' } },
            after: { input: { s: 'hunter3' } },
            beforeSensitive: { input: { s: true }, output: {} },
            afterSensitive: { input: { s: true } },
            afterUnknown: { output: true },
          }),
          change('terraform_data.b', ['create'], { after: { input: 'from-a-variable' } }),
        ],
        {
          variables: { token: { value: 'from-a-variable' } },
          configuration: { root_module: { variables: { token: { sensitive: true } } } },
        },
      ),
    );
    const everything = JSON.stringify(model) + renderPlanText(model) + renderPlanComment(model, CTX).join('');
    expect(everything).not.toMatch(/hunter|from-a-variable/);
    expect(model.resources[0]?.attributes.find((a) => a.path === 'output')?.before).toEqual({
      kind: 'known',
      text: '{"s": (sensitive), "note": "pw=(sensitive)!"}',
    });
    expect(model.resources[1]?.attributes[0]?.after).toEqual({ kind: 'sensitive' });
  });
});

describe('resource kinds', () => {
  it('reads imports, moves, forgets, forget-then-create, deposed objects, data reads and modules', () => {
    const model = buildPlanModel(
      plan([
        change('terraform_data.imp', ['no-op'], {
          before: { id: 'i-1' },
          after: { id: 'i-1' },
          importing: { id: 'i-1' },
        }),
        change('terraform_data.imp2', ['update'], {
          before: { input: 1 },
          after: { input: 2 },
          importing: {},
        }),
        change('terraform_data.new', ['no-op'], {
          before: { id: 'm' },
          after: { id: 'm' },
          previousAddress: 'terraform_data.old',
        }),
        change('terraform_data.f', ['forget'], {
          before: { id: 'f' },
          actionReason: 'forgot_because_lifecycle_destroy_in_config',
        }),
        change('terraform_data.fc', ['forget', 'create'], {
          before: { id: 'f' },
          after: {},
          afterUnknown: { id: true },
        }),
        change('terraform_data.dep', ['delete'], { before: { id: 'd' }, deposed: '00aa11bb' }),
        change('data.terraform_remote_state.r', ['read'], {
          after: {},
          afterUnknown: { outputs: true },
          actionReason: 'read_because_config_unknown',
        }),
        change('module.a.module.b.terraform_data.x', ['create'], {
          after: { input: 1 },
          moduleAddress: 'module.a.module.b',
        }),
        change('terraform_data.same', ['no-op'], { before: { id: 's' }, after: { id: 's' } }),
      ]),
    );
    expect(model.unchanged).toBe(1);
    expect(model.resources.map((r) => [r.address, r.action])).toEqual([
      ['terraform_data.imp', 'no-op'],
      ['terraform_data.imp2', 'update'],
      ['terraform_data.new', 'no-op'],
      ['terraform_data.f', 'forget'],
      ['terraform_data.fc', 'forget-then-create'],
      ['terraform_data.dep', 'delete'],
      ['data.terraform_remote_state.r', 'read'],
      ['module.a.module.b.terraform_data.x', 'create'],
    ]);
    expect(model.resources[0]?.importing).toEqual({ id: 'i-1' });
    expect(model.resources[1]?.importing).toEqual({});
    expect(model.resources[2]?.previousAddress).toBe('terraform_data.old');
    expect(model.resources[5]?.deposed).toBe('00aa11bb');
    expect(model.resources[7]).toMatchObject({
      module: 'module.a.module.b',
      type: 'terraform_data',
      name: 'x',
    });
    expect(model.counts).toMatchObject({
      import: 2,
      move: 1,
      forget: 2,
      add: 2,
      change: 1,
      destroy: 1,
      read: 1,
    });
  });

  it('reads drift, checks, errors and the errored flag', () => {
    const model = buildPlanModel(
      plan([], {
        resource_drift: [
          change('local_file.f', ['update'], { before: { content: 'a' }, after: { content: 'b' } }),
          change('local_file.g', ['delete'], { before: { content: 'a' } }),
        ],
        checks: [
          {
            address: { kind: 'check', to_display: 'check.c' },
            status: 'fail',
            instances: [
              { address: { to_display: 'check.c' }, status: 'fail', problems: [{ message: 'too big' }] },
            ],
          },
          { address: { kind: 'resource', to_display: 'terraform_data.a' }, status: 'unknown' },
          { address: { kind: 'output_value', to_display: 'output.o' }, status: 'pass' },
        ],
        errored: true,
      }),
      {
        diagnostics: [
          {
            severity: 'error',
            summary: 'Resource precondition failed',
            detail: 'ok must be 2',
            file: 'infra/main.tf',
            range: { filename: 'main.tf', start: { line: 6, column: 1 }, end: { line: 6, column: 9 } },
          },
        ],
      },
    );
    expect(model.errored).toBe(true);
    expect(model.counts.drift).toBe(2);
    expect(model.drift.map((d) => [d.address, d.action])).toEqual([
      ['local_file.f', 'update'],
      ['local_file.g', 'delete'],
    ]);
    expect(model.checks).toEqual([
      { address: 'check.c', kind: 'check', status: 'fail', problems: ['too big'] },
      { address: 'terraform_data.a', kind: 'resource', status: 'unknown', problems: [] },
      { address: 'output.o', kind: 'output_value', status: 'pass', problems: [] },
    ]);
    expect(model.diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Resource precondition failed',
        detail: 'ok must be 2',
        location: 'infra/main.tf:6',
      },
    ]);
  });
});

describe('what is not a plan', () => {
  it('refuses an unknown format, a state, and a malformed list, as user mistakes', () => {
    expect(() => buildPlanModel({ format_version: '2.0' })).toThrow(
      /format_version "2.0"; this release reads 1.x/,
    );
    expect(() => buildPlanModel({ format_version: '1.0', values: { root_module: {} } })).toThrow(
      ConfigurationError,
    );
    expect(() => buildPlanModel({ format_version: '1.0', values: {} })).toThrow(/describes a state/);
    expect(() => buildPlanModel({ format_version: '1.2', resource_changes: {} })).toThrow(
      /`resource_changes` is not a list/,
    );
    expect(() => buildPlanModel({ format_version: '1.2', resource_changes: [{}] })).toThrow(/no address/);
  });
});
