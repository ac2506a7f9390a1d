/**
 * Writes `show -json` documents of any size in the shapes tofu 1.12 writes, for the size tests and the
 * summarize benchmark: real tofu would take minutes to plan 50,000 resources. The configuration it
 * stands for is GENERATED_CONFIG with the `items` of `generatedVariables(n)`; test/e2e/plan-shapes
 * plans that configuration with real tofu and checks that this generator writes the same document.
 *
 * Resource i is deleted, updated, replaced or created by i % 10 (ACTION_MIX), every one with
 * attribute diffs: an update changes input.size and input.tags.owner, a replace changes triggers_replace.
 */

export const GENERATED_CONFIG = `variable "items" {
  type = map(object({ size = number, gen = number }))
}
resource "terraform_data" "r" {
  for_each = var.items
  input = {
    name = each.key
    size = each.value.size
    tags = { env = "bench", owner = "team-\${each.value.size % 7}" }
  }
  triggers_replace = each.value.gen
}
output "count" {
  value = length(terraform_data.r)
}
`;

export type GeneratedAction = 'delete' | 'update' | 'replace' | 'create';

export const ACTION_MIX: readonly GeneratedAction[] = [
  'delete',
  'delete',
  'update',
  'update',
  'update',
  'update',
  'replace',
  'replace',
  'create',
  'create',
];

export const actionOf = (i: number): GeneratedAction => ACTION_MIX[i % ACTION_MIX.length] as GeneratedAction;
export const keyOf = (i: number) => `k${i}`;

interface Item {
  gen: number;
  size: number;
}

/** The variable values before (applied) and after (planned), as tfvars.json documents. */
export function generatedVariables(n: number): {
  before: { items: Record<string, Item> };
  after: { items: Record<string, Item> };
} {
  const before: Record<string, Item> = {};
  const after: Record<string, Item> = {};
  for (const i of sortedIndexes(n)) {
    const action = actionOf(i);
    if (action !== 'create') before[keyOf(i)] = { gen: 1, size: i };
    if (action === 'update') after[keyOf(i)] = { gen: 1, size: i + 1 };
    if (action === 'replace') after[keyOf(i)] = { gen: 2, size: i };
    if (action === 'create') after[keyOf(i)] = { gen: 1, size: i };
  }
  return { before: { items: before }, after: { items: after } };
}

/** Resource indexes in the order tofu lists them: by address, compared as strings. */
function sortedIndexes(n: number): number[] {
  const keys = Array.from({ length: n }, (_, i) => i);
  return keys.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/** A stable stand-in for the random UUID terraform_data takes as its id. */
export function fakeId(i: number): string {
  const hex = (i + 1).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

const PROVIDER = 'terraform.io/builtin/terraform';
const input = (key: string, item: Item) => ({
  name: key,
  size: item.size,
  tags: { env: 'bench', owner: `team-${item.size % 7}` },
});
const head = (key: string) => ({
  address: `terraform_data.r[${JSON.stringify(key)}]`,
  mode: 'managed',
  type: 'terraform_data',
  name: 'r',
  index: key,
  provider_name: PROVIDER,
});
const TAGS = { input: { tags: {} } };

function resourceChange(i: number, before: Item | undefined, after: Item | undefined): unknown {
  const key = keyOf(i);
  const prior = before && {
    id: fakeId(i),
    input: input(key, before),
    output: input(key, before),
    triggers_replace: before.gen,
  };
  switch (actionOf(i)) {
    case 'delete':
      return {
        ...head(key),
        change: {
          actions: ['delete'],
          before: prior,
          after: null,
          after_unknown: {},
          before_sensitive: { ...TAGS, output: { tags: {} } },
          after_sensitive: false,
        },
        action_reason: 'delete_because_each_key',
      };
    case 'update':
      return {
        ...head(key),
        change: {
          actions: ['update'],
          before: prior,
          after: { id: fakeId(i), input: input(key, after as Item), triggers_replace: (after as Item).gen },
          after_unknown: { ...TAGS, output: true },
          before_sensitive: { ...TAGS, output: { tags: {} } },
          after_sensitive: { ...TAGS, output: {} },
        },
      };
    case 'replace':
      return {
        ...head(key),
        change: {
          actions: ['delete', 'create'],
          before: prior,
          after: { input: input(key, after as Item), triggers_replace: (after as Item).gen },
          after_unknown: { id: true, ...TAGS, output: true },
          before_sensitive: { ...TAGS, output: { tags: {} } },
          after_sensitive: { ...TAGS, output: {} },
          replace_paths: [['triggers_replace']],
        },
        action_reason: 'replace_because_cannot_update',
      };
    case 'create':
      return {
        ...head(key),
        change: {
          actions: ['create'],
          before: null,
          after: { input: input(key, after as Item), triggers_replace: (after as Item).gen },
          after_unknown: { id: true, ...TAGS, output: true },
          before_sensitive: false,
          after_sensitive: { ...TAGS, output: {} },
        },
      };
  }
}

function countChange(before: number, after: number): unknown {
  return {
    actions: [before === after ? 'no-op' : 'update'],
    before,
    after,
    after_unknown: false,
    before_sensitive: false,
    after_sensitive: false,
  };
}

const CONFIGURATION = {
  provider_config: { terraform: { name: 'terraform', full_name: PROVIDER } },
  root_module: {
    outputs: { count: { expression: { references: ['terraform_data.r'] } } },
    resources: [
      {
        address: 'terraform_data.r',
        mode: 'managed',
        type: 'terraform_data',
        name: 'r',
        provider_config_key: 'terraform',
        expressions: {
          input: {
            references: ['each.key', 'each.value.size', 'each.value', 'each.value.size', 'each.value'],
          },
          triggers_replace: { references: ['each.value.gen', 'each.value'] },
        },
        schema_version: 0,
        for_each_expression: { references: ['var.items'] },
      },
    ],
    variables: {
      items: { type: ['map', ['object', { gen: 'number', size: 'number' }]], required: true },
    },
  },
};

/**
 * The show -json text of the plan of `n` resource changes, written piece by piece so that a document
 * of 50,000 changes does not need a second copy of itself in memory.
 */
export function generatePlanJson(n: number, toolVersion = '1.12.6'): string {
  const { before, after } = generatedVariables(n);
  const order = sortedIndexes(n);
  const pieces: string[] = [];
  const join = (items: Iterable<string>) => [...items].join(',');
  pieces.push(`{"format_version":"1.2","terraform_version":${JSON.stringify(toolVersion)}`);
  pieces.push(`,"variables":${JSON.stringify({ items: { value: after.items } })}`);
  const afterCount = Object.keys(after.items).length;
  const beforeCount = Object.keys(before.items).length;
  const planned = order
    .filter((i) => actionOf(i) !== 'delete')
    .map((i) => {
      const key = keyOf(i);
      const item = after.items[key] as Item;
      const values =
        actionOf(i) === 'update'
          ? { id: fakeId(i), input: input(key, item), triggers_replace: item.gen }
          : { input: input(key, item), triggers_replace: item.gen };
      return JSON.stringify({
        ...head(key),
        schema_version: 0,
        values,
        sensitive_values: { ...TAGS, output: {} },
      });
    });
  pieces.push(
    `,"planned_values":{"outputs":${JSON.stringify({ count: { sensitive: false, type: 'number', value: afterCount } })}` +
      `,"root_module":{"resources":[${join(planned)}]}}`,
  );
  const changes = order.map((i) =>
    JSON.stringify(resourceChange(i, before.items[keyOf(i)], after.items[keyOf(i)])),
  );
  pieces.push(`,"resource_changes":[${join(changes)}]`);
  pieces.push(`,"output_changes":${JSON.stringify({ count: countChange(beforeCount, afterCount) })}`);
  const prior = order
    .filter((i) => actionOf(i) !== 'create')
    .map((i) => {
      const key = keyOf(i);
      const item = before.items[key] as Item;
      const values = {
        id: fakeId(i),
        input: input(key, item),
        output: input(key, item),
        triggers_replace: item.gen,
      };
      return JSON.stringify({
        ...head(key),
        schema_version: 0,
        values,
        sensitive_values: { ...TAGS, output: { tags: {} } },
      });
    });
  pieces.push(
    `,"prior_state":{"format_version":"1.0","terraform_version":${JSON.stringify(toolVersion)},"values":{"outputs":` +
      `${JSON.stringify({ count: { sensitive: false, value: beforeCount, type: 'number' } })},"root_module":{"resources":[${join(prior)}]}}}`,
  );
  pieces.push(`,"configuration":${JSON.stringify(CONFIGURATION)}`);
  pieces.push(`,"timestamp":"2026-01-01T00:00:00Z","errored":false}`);
  return pieces.join('');
}
