import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/core/errors.js';
import type { PlanResult } from '../../../src/terraform/cli.js';
import { summarizePlan, type PlanDocument } from '../../../src/terraform/plan-summary.js';
import { sandbox, type Sandbox } from './real-tofu.js';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((box) => box.cleanup()));
});

/**
 * Applies `before` (when given), then plans `after` with real tofu: the show -json document of that
 * plan, and the plan result with the tool's own change_summary to check the counts against.
 */
async function planChange(
  before: string | undefined,
  after: string,
): Promise<{ doc: PlanDocument; plan: PlanResult }> {
  const box = await sandbox();
  sandboxes.push(box);
  if (before !== undefined) {
    await box.write(before);
    await box.cli.init();
    await box.cli.plan({ out: 'before.tfplan' });
    await box.cli.apply('before.tfplan');
  }
  await box.write(after);
  await box.cli.init();
  const plan = await box.cli.plan({ out: 'after.tfplan' });
  return { doc: await box.cli.show('after.tfplan'), plan };
}

const data = (name: string, body = 'input = 1') => `resource "terraform_data" "${name}" {\n  ${body}\n}\n`;
const NO_CHANGES = {
  add: 0,
  change: 0,
  destroy: 0,
  replace: 0,
  import: 0,
  move: 0,
  forget: 0,
  outputChanges: 0,
  deletes: [],
  replaces: [],
};

describe('summarizePlan on plans from real tofu', () => {
  it('counts a create as add', async () => {
    const { doc } = await planChange(undefined, data('a'));
    expect(summarizePlan(doc)).toEqual({ ...NO_CHANGES, add: 1, hasChanges: true, destroys: false });
  });

  it('counts an in-place update as change', async () => {
    const { doc } = await planChange(data('a', 'input = 1'), data('a', 'input = 2'));
    expect(summarizePlan(doc)).toEqual({ ...NO_CHANGES, change: 1, hasChanges: true, destroys: false });
  });

  it('counts delete-then-create as one replace, not an add and a destroy', async () => {
    const { doc } = await planChange(data('a', 'triggers_replace = 1'), data('a', 'triggers_replace = 2'));
    expect(doc.resource_changes?.[0]?.change.actions).toEqual(['delete', 'create']);
    expect(summarizePlan(doc)).toEqual({
      ...NO_CHANGES,
      replace: 1,
      deletes: ['terraform_data.a'],
      replaces: ['terraform_data.a'],
      hasChanges: true,
      destroys: true,
    });
  });

  it('counts create-then-delete (create_before_destroy) as one replace too', async () => {
    const cbd = (n: number) =>
      data('a', `triggers_replace = ${n}\n  lifecycle {\n    create_before_destroy = true\n  }`);
    const { doc } = await planChange(cbd(1), cbd(2));
    expect(doc.resource_changes?.[0]?.change.actions).toEqual(['create', 'delete']);
    expect(summarizePlan(doc)).toMatchObject({
      add: 0,
      destroy: 0,
      replace: 1,
      replaces: ['terraform_data.a'],
    });
  });

  it('counts a removed resource as destroy and lists it among the deletes', async () => {
    const { doc } = await planChange(data('a') + data('b'), data('a'));
    expect(summarizePlan(doc)).toEqual({
      ...NO_CHANGES,
      destroy: 1,
      deletes: ['terraform_data.b'],
      hasChanges: true,
      destroys: true,
    });
  });

  it('counts a moved block as move, with no other change, and as a change of the state', async () => {
    const moved = `${data('b')}moved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n`;
    const { doc, plan } = await planChange(data('a'), moved);
    expect(doc.resource_changes?.[0]).toMatchObject({ previous_address: 'terraform_data.a' });
    expect(summarizePlan(doc)).toEqual({ ...NO_CHANGES, move: 1, hasChanges: true, destroys: false });
    expect(plan.hasChanges).toBe(true); // the tool's -detailed-exitcode agrees
  });

  it('counts a removed block with destroy = false as forget, which destroys nothing', async () => {
    const removed = 'removed {\n  from = terraform_data.a\n  lifecycle {\n    destroy = false\n  }\n}\n';
    const { doc } = await planChange(data('a'), removed);
    expect(summarizePlan(doc)).toEqual({ ...NO_CHANGES, forget: 1, hasChanges: true, destroys: false });
  });

  it('sees an output-only change as a change, and nothing at all as none', async () => {
    const { doc } = await planChange(data('a'), `${data('a')}output "x" {\n  value = 1\n}\n`);
    expect(summarizePlan(doc)).toEqual({
      ...NO_CHANGES,
      outputChanges: 1,
      hasChanges: true,
      destroys: false,
    });

    const same = await planChange(data('a'), data('a'));
    expect(same.plan.exitCode).toBe(0);
    expect(summarizePlan(same.doc)).toEqual({ ...NO_CHANGES, hasChanges: false, destroys: false });
  });

  it('agrees with the counts tofu prints itself, on a plan that does everything at once', async () => {
    const before = [
      data('keep'),
      data('update', 'input = 1'),
      data('replace', 'triggers_replace = 1'),
      data('gone'),
      data('old_name'),
      data('forgotten'),
    ].join('');
    const after = [
      data('keep'),
      data('update', 'input = 2'),
      data('replace', 'triggers_replace = 2'),
      data('new_one'),
      data('new_two'),
      data('new_name'),
      'moved {\n  from = terraform_data.old_name\n  to   = terraform_data.new_name\n}\n',
      'removed {\n  from = terraform_data.forgotten\n  lifecycle {\n    destroy = false\n  }\n}\n',
    ].join('');
    const { doc, plan } = await planChange(before, after);
    const summary = summarizePlan(doc);

    expect(summary).toMatchObject({
      add: 2,
      change: 1,
      destroy: 1,
      replace: 1,
      move: 1,
      forget: 1,
      import: 0,
    });
    expect(summary.deletes.sort()).toEqual(['terraform_data.gone', 'terraform_data.replace']);
    // tofu counts a replacement as one add and one remove; the summary keeps it apart.
    expect(plan.changeSummary).toMatchObject({
      add: summary.add + summary.replace,
      change: summary.change,
      remove: summary.destroy + summary.replace,
      import: summary.import,
      forget: summary.forget,
    });
  });
});

describe('summarizePlan on hand-written documents', () => {
  // terraform_data cannot be imported, so the import cases are written by hand, as tofu 1.12 prints them.
  const importing = (actions: string[]) => ({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_instance.web',
        change: { actions, importing: { id: 'i-0123456789' } },
      },
    ],
  });

  it('counts an import with no other change only as import', () => {
    expect(summarizePlan(importing(['no-op']))).toEqual({
      ...NO_CHANGES,
      import: 1,
      hasChanges: true,
      destroys: false,
    });
  });

  it('counts an import that also updates as import and change', () => {
    expect(summarizePlan(importing(['update']))).toMatchObject({ import: 1, change: 1, add: 0 });
  });

  it('counts forget, and ignores read and no-op', () => {
    const doc = {
      format_version: '1.2',
      resource_changes: [
        { address: 'terraform_data.kept', change: { actions: ['forget'] } },
        { address: 'data.http.example', change: { actions: ['read'] } },
        { address: 'terraform_data.same', change: { actions: ['no-op'] } },
      ],
      output_changes: { same: { actions: ['no-op'] } },
    };
    expect(summarizePlan(doc)).toEqual({ ...NO_CHANGES, forget: 1, hasChanges: true, destroys: false });
  });

  it('sees no changes in a plan of reads and no-ops', () => {
    const doc = {
      format_version: '1.2',
      resource_changes: [{ address: 'data.http.example', change: { actions: ['read'] } }],
    };
    expect(summarizePlan(doc).hasChanges).toBe(false);
  });

  it('refuses a document in a format it does not read, saying which it got and which it reads', () => {
    expect(() => summarizePlan({ format_version: '2.0' })).toThrow(ConfigurationError);
    expect(() => summarizePlan({ format_version: '2.0' })).toThrow(
      /format_version "2.0"; this release reads 1.x/,
    );
    expect(() => summarizePlan({})).toThrow(/format_version null/);
  });
});
