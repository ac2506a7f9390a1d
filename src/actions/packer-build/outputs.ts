import { defineOutputs, output } from '../../core/outputs.js';
import type { PackerBuildOutputs } from '../../packer/build.js';

export const packerBuildOutputs = defineOutputs<PackerBuildOutputs>({
  'image-id': output.string(),
  artifacts: output.json(),
  'build-time': output.string(),
  'template-hash': output.string(),
  skipped: output.boolean(),
  'metadata-path': output.string(),
  'image-name': output.string(),
  'artifact-name': output.string(),
});
