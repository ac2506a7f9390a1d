import { describe, expect, it } from '@jest/globals';
import { condition, interpolate, interpolateString } from '../support/runner/expressions.js';
import { jobOrder } from '../support/runner/workflow.js';

/** The workflow interpreter the pipeline tests run on: GitHub's rules, so that a green run means something. */
describe('the workflow interpreter', () => {
  const contexts = {
    inputs: { stacks: '[{"stack":"a","checks":""}]', n: 2, empty: '' },
    needs: { waves: { result: 'success', outputs: { 'wave-2': '[]' } } },
    matrix: { stack: 'a', 'image-variable': 'image_id' },
    secrets: { 'tf-vars': '{"a":"x=1"}' },
  };
  const succeeded = { success: true, failure: false };
  const skippedNeed = { success: false, failure: false };
  const failedNeed = { success: false, failure: true };

  it('keeps the type of a value that is one expression, and makes strings of templates in text', () => {
    expect(interpolate('${{ fromJSON(inputs.stacks) }}', contexts)).toEqual([{ stack: 'a', checks: '' }]);
    expect(interpolate('${{ inputs.n }}', contexts)).toBe(2);
    expect(interpolateString('wave-${{ inputs.n }}-${{ matrix.stack }}', contexts)).toBe('wave-2-a');
    expect(interpolateString("${{ fromJSON(secrets.tf-vars || '{}')[matrix.stack] }}", contexts)).toBe('x=1');
    expect(interpolateString("${{ inputs.empty != '' && 'yes' || '' }}", contexts)).toBe('');
  });

  it('reads an if: without a status function as success() && (…), as GitHub does', () => {
    expect(condition(undefined, contexts, succeeded)).toBe(true);
    expect(condition(undefined, contexts, skippedNeed)).toBe(false);
    expect(condition("inputs.empty == ''", contexts, skippedNeed)).toBe(false);
    expect(condition("${{ inputs.empty == '' }}", contexts, succeeded)).toBe(true);
    expect(condition("needs.waves.outputs.wave-2 != '[]'", contexts, succeeded)).toBe(false);
  });

  it('runs always() and !cancelled() jobs after skipped or failed needs, and failure() only after a failure', () => {
    expect(condition('always()', contexts, failedNeed)).toBe(true);
    expect(condition("${{ !cancelled() && matrix.stack == 'a' }}", contexts, skippedNeed)).toBe(true);
    expect(condition('failure()', contexts, skippedNeed)).toBe(false);
    expect(condition('failure()', contexts, failedNeed)).toBe(true);
    expect(condition('success()', contexts, failedNeed)).toBe(false);
  });

  it('orders jobs by needs, file order among the ready ones, and refuses a cycle', () => {
    const jobs = (spec: Record<string, string[]>) => ({
      jobs: Object.fromEntries(Object.entries(spec).map(([id, needs]) => [id, { needs }])),
    });
    expect(jobOrder(jobs({ report: ['apply'], plan: [], apply: ['plan', 'image'], image: [] }))).toEqual([
      'plan',
      'image',
      'apply',
      'report',
    ]);
    expect(() => jobOrder(jobs({ a: ['b'], b: ['a'] }))).toThrow("the jobs' needs form a cycle: a, b");
  });
});
