/**
 * What the runner tells an action about the run it is part of, read once from the GITHUB_* and
 * RUNNER_* variables by run.ts and handed to domain code as a plain value.
 */
export interface RunContext {
  owner: string;
  repo: string;
  runId: number;
  runAttempt: number;
  sha: string;
  ref: string;
  eventName: string;
  eventPath: string | undefined;
  /** Who started the run (GITHUB_ACTOR): for an issue_comment event, the comment's author. */
  actor: string;
  /** Who started this attempt (GITHUB_TRIGGERING_ACTOR): for a re-run, who re-ran it; else the actor. */
  triggeringActor: string;
  workspace: string;
  runnerTemp: string;
  serverUrl: string;
  apiUrl: string;
  /** The link to this run's page, for summaries and deployment statuses. */
  runUrl: string;
}

export function readRunContext(env: Record<string, string | undefined> = process.env): RunContext {
  const required = (name: string): string => {
    const value = env[name];
    // Not a user mistake: these are set by every runner, so a missing one means the action runs outside Actions.
    if (!value) throw new Error(`${name} is not set: this action runs on a GitHub Actions runner`);
    return value;
  };
  const [owner = '', repo = ''] = required('GITHUB_REPOSITORY').split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = Number(required('GITHUB_RUN_ID'));
  return {
    owner,
    repo,
    runId,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? '1'),
    sha: required('GITHUB_SHA'),
    ref: env.GITHUB_REF ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH,
    actor: env.GITHUB_ACTOR ?? '',
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR || (env.GITHUB_ACTOR ?? ''),
    workspace: required('GITHUB_WORKSPACE'),
    runnerTemp: required('RUNNER_TEMP'),
    serverUrl,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
  };
}
