import { actionsArtifactStore } from '../../artifacts/store.js';
import { runAction } from '../../core/run-action.js';
import { actionsCacheBuildRecords } from '../../packer/build-record.js';
import { buildImage } from './build.js';
import { packerBuildInputs } from './inputs.js';
import { imageSummaryMarkdown } from './summary.js';

export function run(): Promise<void> {
  return runAction(
    'packer-build',
    packerBuildInputs,
    async ({ inputs, logger, exec, run, setOutput, writeSummary }) => {
      const result = await buildImage(inputs, {
        exec,
        logger,
        run,
        artifacts: actionsArtifactStore(),
        records: actionsCacheBuildRecords(run.workspace, logger),
      });
      const { metadata } = result;
      setOutput('image-id', metadata.imageId);
      setOutput(
        'artifacts',
        JSON.stringify(
          metadata.artifacts.map(({ build, id, builderId, files }) => ({ build, id, builderId, files })),
        ),
      );
      setOutput('build-time', metadata.buildTime);
      setOutput('template-hash', metadata.templateHash);
      setOutput('skipped', metadata.skipped);
      setOutput('metadata-path', result.metadataPath);
      setOutput('image-name', metadata.name);
      setOutput('artifact-name', result.artifactName);
      await writeSummary(imageSummaryMarkdown(result, run));
    },
  );
}
