// A test-bed probe, not part of the suite: moves files between jobs with the real @actions/artifact.
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { resolve } from 'node:path';

const client = new DefaultArtifactClient();
const name = core.getInput('name', { required: true });
try {
  if (core.getInput('mode') === 'upload') {
    const files = core.getMultilineInput('path').map((file) => resolve(file));
    const { id, size } = await client.uploadArtifact(name, files, process.cwd());
    core.setOutput('artifact-id', String(id));
    core.setOutput('size', String(size));
  } else {
    const { artifact } = await client.getArtifact(name);
    await client.downloadArtifact(artifact.id, { path: resolve(core.getInput('path')) });
    core.setOutput('artifact-id', String(artifact.id));
    core.setOutput('size', String(artifact.size));
  }
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
