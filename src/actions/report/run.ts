import { actionsArtifactStore } from '../../artifacts/store.js';
import { StepFailure } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import type { GitHubClient } from '../../github/octokit.js';
import { buildReport } from '../../report/report.js';
import { reportInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction('report', reportInputs, async ({ inputs, logger, exec, run, setOutput, writeSummary }) => {
    let client: Promise<GitHubClient> | undefined;
    const token = inputs.githubToken;
    const github = token
      ? () =>
          (client ??= (async () => {
            // Loaded only when the jobs are read: start-up time is measured.
            const { createGitHubClient } = await import('../../github/octokit.js');
            return createGitHubClient(token, logger, { apiUrl: run.apiUrl });
          })())
      : undefined;
    const result = await buildReport(inputs, {
      artifacts: actionsArtifactStore(),
      logger,
      exec,
      run,
      github,
      fetch: globalThis.fetch,
      now: () => new Date(),
      workflow: process.env.GITHUB_WORKFLOW ?? '',
    });
    setOutput('report-path', result.markdownPath);
    setOutput('html-path', result.htmlPath);
    setOutput('json-path', result.jsonPath);
    setOutput('reproduce-path', result.scriptPath);
    setOutput('outcome', result.model.outcome);
    setOutput('artifact-name', result.artifactName);
    if (result.notified !== undefined) setOutput('notified', result.notified);
    await writeSummary(result.markdown);
    logger.debug(`report built in ${result.buildMs.toFixed(0)} ms`);
    if (result.backupProblem) {
      throw new StepFailure(`The report is out, but the state backup failed: ${result.backupProblem}`);
    }
  });
}
