import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { artifactName } from '../../artifacts/names.js';
import { actionsArtifactStore } from '../../artifacts/store.js';
import { APPROVAL_RECORD_FILE, approvalRecordSchema } from '../../contracts/approval-record.js';
import { ConfigurationError, StepFailure } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import type { GitHubClient } from '../../github/octokit.js';
import { renderDecision } from '../../approval/render.js';
import { dispatchApply } from '../../github/dispatch.js';
import { gate } from './gate.js';
import { approvalGateInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'approval-gate',
    approvalGateInputs,
    async ({ inputs, logger, run, setOutput, writeSummary }) => {
      let client: Promise<GitHubClient> | undefined;
      const github = () =>
        (client ??= (async () => {
          if (!inputs.githubToken) {
            throw new ConfigurationError(
              `Input "github-token" is empty: mode ${inputs.mode} reads the pull request or the run's reviews through the API.`,
            );
          }
          // Loaded only when the decision needs the API: a policy approval does not.
          const { createGitHubClient } = await import('../../github/octokit.js');
          return createGitHubClient(inputs.githubToken, logger, { apiUrl: run.apiUrl });
        })());
      const artifacts = actionsArtifactStore();
      const result = await gate(inputs, {
        artifacts,
        logger,
        run,
        github,
        sleep: (ms) => sleep(ms),
        now: () => new Date(),
      });
      const { record } = result.report;

      // The record is checked against its own contract before anyone downstream can rely on it.
      const checked = approvalRecordSchema.parse(record);
      const dir = await mkdtemp(join(run.runnerTemp, 'iac-approval-record-'));
      const path = join(dir, APPROVAL_RECORD_FILE);
      await writeFile(path, `${JSON.stringify(checked, null, 2)}\n`);
      const name = artifactName(inputs.artifactPrefix, 'approval', record.stack);
      await artifacts.upload(name, [path], dir);

      const approved = record.status === 'approved';
      setOutput('status', record.status);
      setOutput('approved', approved);
      setOutput('approvers', JSON.stringify(record.approvers));
      // Only an approved digest is handed on: tf-apply's expected-plan-digest must never name a plan nobody approved.
      setOutput('plan-digest', approved ? record.planDigest : '');
      setOutput('record-artifact', name);
      setOutput('plan-run-id', result.planRunId);
      if (result.statusCommentUrl) setOutput('status-comment-url', result.statusCommentUrl);
      setOutput('dispatched', false);
      if (approved && inputs.dispatchWorkflow && result.approvedBefore) {
        // Another `/approve` of a plan that is approved already: its apply was started by the comment that
        // approved it, and a second run would only be refused as stale once the first applied.
        logger.notice(
          `Plan ${record.planDigest.slice(0, 19)}… was approved before this comment, and ${inputs.dispatchWorkflow} was started then: it is not started again. ` +
            `To start it by hand, run ${inputs.dispatchWorkflow} on the pull request's branch with plan-run-id ${result.planRunId}, plan-digest ${record.planDigest}, stack ${record.stack} and pr-number ${record.pullRequest ?? ''}.`,
          { title: 'Already approved' },
        );
      } else if (approved && inputs.dispatchWorkflow) {
        if (record.pullRequest === undefined) {
          throw new ConfigurationError(
            'Input "dispatch-workflow" starts the apply of a pull request\'s plan, and this decision is not about a pull request: give pr-number, or run the gate on issue_comment.',
          );
        }
        const { ref } = await dispatchApply(
          await github(),
          { owner: run.owner, repo: run.repo },
          {
            workflow: inputs.dispatchWorkflow,
            pullRequest: record.pullRequest,
            stack: record.stack,
            planRunId: result.planRunId,
            planDigest: record.planDigest,
          },
        );
        setOutput('dispatched', true);
        logger.info(
          `Started ${inputs.dispatchWorkflow} on ${ref} to apply plan ${record.planDigest} of stack ${record.stack}.`,
        );
      }
      await writeSummary(`## Approval gate\n\n${renderDecision(result.report)}`);

      if (result.failure) throw new StepFailure(result.failure);
      if (record.status === 'pending') {
        const waiting = `Plan ${record.planDigest.slice(0, 19)}… is waiting for ${result.report.missing} more approval(s): comment /approve ${record.planDigest.slice(7, 19)} on the pull request.`;
        // In a job graph the apply job must not start: failing is how this job says "not yet".
        if (inputs.onPending === 'fail') throw new StepFailure(waiting);
        logger.notice(waiting, { title: 'Approval pending' });
      }
    },
  );
}
