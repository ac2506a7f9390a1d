import { actionsArtifactStore } from '../../artifacts/store.js';
import { ConfigurationError } from '../../core/errors.js';
import { runAction } from '../../core/run-action.js';
import { Deployment } from '../../github/deployments.js';
import { apply } from './apply.js';
import { tfApplyInputs } from './inputs.js';

export function run(): Promise<void> {
  return runAction(
    'tf-apply',
    tfApplyInputs,
    async ({ inputs, logger, exec, run, setOutput, writeSummary }) => {
      const environment = inputs.environment;
      const startDeployment = environment
        ? async (manifest: { planDigest: string; stack: string }) => {
            if (!inputs.githubToken) {
              throw new ConfigurationError(
                'Input "github-token" is required with environment, to create the deployment.',
              );
            }
            // Octokit is loaded only by the applies that talk to GitHub: start-up time is measured.
            const { createGitHubClient } = await import('../../github/octokit.js');
            const client = createGitHubClient(inputs.githubToken, logger, { apiUrl: run.apiUrl });
            return Deployment.start(client, run, {
              environment,
              description: `Apply ${manifest.stack} plan ${manifest.planDigest.slice(0, 19)}`,
              payload: { stack: manifest.stack, planDigest: manifest.planDigest },
            });
          }
        : undefined;
      const result = await apply(inputs, {
        exec,
        logger,
        run,
        artifacts: actionsArtifactStore(),
        ...(startDeployment ? { startDeployment } : {}),
      });
      setOutput('applied', true);
      setOutput('outputs', JSON.stringify(result.outputs));
      setOutput('outputs-path', result.outputsPath);
      setOutput('inventory-path', result.inventoryPath ?? '');
      setOutput('plan-digest', result.manifest.planDigest);
      setOutput('deployment-id', result.deploymentId ?? '');
      await writeSummary(
        [
          `## Applied \`${result.stack}\` (workspace \`${result.manifest.workspace}\`)`,
          '',
          `Plan digest \`${result.manifest.planDigest}\`, planned at commit \`${result.manifest.commit.slice(0, 12)}\`.`,
          '',
          `Resources applied: ${result.applied.length}. Outputs: ${Object.keys(result.outputs).length} published${result.inventoryPath ? ', and an Ansible inventory' : ''}.`,
          '',
        ].join('\n'),
      );
    },
  );
}
