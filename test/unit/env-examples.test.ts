import { getInput } from '@actions/core';
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/tools.js';

/**
 * Every action has a `.env.example` for `npx @github/local-action` (CONTRIBUTING.md), and it names only
 * inputs its action.yml declares, by the variable @actions/core's getInput reads: `INPUT_` and the name
 * with spaces as `_`, upper-cased, hyphens kept.
 */
const actionDirs = [
  '.',
  ...readdirSync(join(repoRoot, 'actions'))
    .map((name) => join('actions', name))
    .filter((dir) => existsSync(join(repoRoot, dir, 'action.yml'))),
];

/** The variable the runner sets for an input and getInput reads (@actions/core's rule). */
function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

interface Assignment {
  name: string;
  commented: boolean;
  line: number;
}

/** `NAME=value` lines, and the `# NAME=value` lines a user uncomments: dotenv's key characters. */
function assignments(text: string): Assignment[] {
  return text.split('\n').flatMap((raw, index) => {
    const match = /^(#\s*)?([A-Za-z_][\w.-]*)=/.exec(raw);
    return match?.[2] ? [{ name: match[2], commented: !!match[1], line: index + 1 }] : [];
  });
}

function declaredInputs(dir: string): { all: Set<string>; required: string[] } {
  const metadata = parse(readFileSync(join(repoRoot, dir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { required?: boolean }>;
  };
  const inputs = Object.entries(metadata.inputs ?? {});
  return {
    all: new Set(inputs.map(([name]) => inputVariable(name))),
    required: inputs.filter(([, spec]) => spec.required).map(([name]) => inputVariable(name)),
  };
}

/** What is wrong with one .env.example: undeclared inputs, missing required inputs and runner variables. */
function problemsOf(dir: string, text: string): string[] {
  const { all, required } = declaredInputs(dir);
  const found = assignments(text);
  const set = new Set(found.filter((a) => !a.commented).map((a) => a.name));
  const problems = found
    .filter((a) => a.name.startsWith('INPUT_') && !all.has(a.name))
    .map((a) => `line ${a.line}: ${a.name} is not an input of ${join(dir, 'action.yml')}`);
  for (const name of required) if (!set.has(name)) problems.push(`the required input ${name} is not set`);
  // What readRunContext needs (src/core/run-context.ts), and where local-action keeps artifacts.
  const runner = ['GITHUB_WORKSPACE', 'RUNNER_TEMP', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID', 'GITHUB_SHA'];
  for (const name of [...runner, 'LOCAL_ACTION_WORKSPACE', 'LOCAL_ACTION_ARTIFACT_PATH']) {
    if (!set.has(name)) problems.push(`${name} is not set`);
  }
  return problems;
}

describe('the .env.example files', () => {
  it('exist for the root setup action and every action under actions/', () => {
    expect(actionDirs).toHaveLength(10);
    expect(actionDirs.filter((dir) => !existsSync(join(repoRoot, dir, '.env.example')))).toEqual([]);
  });

  it.each(actionDirs)('%s/.env.example names only declared inputs and sets what a run needs', (dir) => {
    expect(problemsOf(dir, readFileSync(join(repoRoot, dir, '.env.example'), 'utf8'))).toEqual([]);
  });

  it('map input names as @actions/core getInput reads them: upper-cased, spaces to _, hyphens kept', () => {
    for (const name of ['working-directory', 'some input', 'Mixed_Case-name']) {
      const variable = inputVariable(name);
      process.env[variable] = `value of ${name}`;
      try {
        expect(getInput(name)).toBe(`value of ${name}`);
      } finally {
        delete process.env[variable];
      }
    }
    expect(inputVariable('working-directory')).toBe('INPUT_WORKING-DIRECTORY');
  });

  it('catch an undeclared input, commented or not, and a missing required input (the check can fail)', () => {
    const text = [
      'INPUT_CHECKS=smoke/checks.yml',
      '# INPUT_NO-SUCH=x',
      'INPUT_WORKING_DIRECTORY=.',
      'GITHUB_WORKSPACE=/w',
    ].join('\n');
    expect(problemsOf('actions/smoke-test', text)).toEqual([
      'line 2: INPUT_NO-SUCH is not an input of actions/smoke-test/action.yml',
      'line 3: INPUT_WORKING_DIRECTORY is not an input of actions/smoke-test/action.yml',
      'RUNNER_TEMP is not set',
      'GITHUB_REPOSITORY is not set',
      'GITHUB_RUN_ID is not set',
      'GITHUB_SHA is not set',
      'LOCAL_ACTION_WORKSPACE is not set',
      'LOCAL_ACTION_ARTIFACT_PATH is not set',
    ]);
    expect(problemsOf('actions/smoke-test', 'INPUT_STACK=a\n')).toContain(
      'the required input INPUT_CHECKS is not set',
    );
  });
});
