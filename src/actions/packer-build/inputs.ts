import { defineInputs, input } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';

export const packerBuildInputs = defineInputs({
  template: input.requiredFileOrDirectory(),
  'working-directory': sharedInputs['working-directory'],
  'var-files': input.files(),
  vars: input.keyValues(),
  only: input.list(),
  except: input.list(),
  'image-name': input.name(),
  'skip-unchanged': input.boolean(false),
  'artifact-prefix': sharedInputs['artifact-prefix'],
});
