import type { RunContext } from '../../src/core/run-context.js';

/**
 * A run of octo-org/infra as a unit test's domain code sees it: a workflow_dispatch on main by admin1,
 * its run URL made from its id. `overrides` names what the test cares about.
 */
export function testRunContext(overrides: Partial<RunContext> = {}): RunContext {
  const runId = overrides.runId ?? 7;
  return {
    owner: 'octo-org',
    repo: 'infra',
    runId,
    runAttempt: 1,
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    eventName: 'workflow_dispatch',
    eventPath: undefined,
    actor: 'admin1',
    triggeringActor: overrides.actor ?? 'admin1',
    workspace: '/w',
    runnerTemp: '/t',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runUrl: `https://github.com/octo-org/infra/actions/runs/${runId}`,
    ...overrides,
  };
}
