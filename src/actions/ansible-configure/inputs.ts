import { isInventoryContent } from '../../ansible/inventory-content.js';
import { isKnownHostsContent } from '../../ansible/connection.js';
import { defineInputs, input, secret } from '../../core/inputs.js';
import { sharedInputs } from '../../core/shared-inputs.js';

export const ansibleConfigureInputs = defineInputs(
  {
    playbook: input.requiredFile(),
    inventory: input.fileOrContent(isInventoryContent),
    'inventory-artifact': input.name(),
    stack: sharedInputs.stack,
    'extra-vars': secret(input.yamlMapping()),
    'private-key': input.secretText(),
    'vault-password': input.secretText(),
    user: input.text(),
    become: input.boolean(false),
    limit: input.text(),
    tags: input.list(),
    check: input.boolean(false),
    diff: input.boolean(false),
    forks: input.integerOr(1, 500, 5),
    'connection-timeout': input.integerOr(1, 3_600, 300),
    'host-key-checking': input.boolean(true),
    'known-hosts': input.fileOrContent(isKnownHostsContent),
    'working-directory': sharedInputs['working-directory'],
    'artifact-prefix': sharedInputs['artifact-prefix'],
  },
  [
    (v) =>
      v.knownHosts && !v.hostKeyChecking
        ? {
            input: 'known-hosts',
            message: 'is given but host-key-checking is false: remove known-hosts, or check host keys',
          }
        : undefined,
  ],
);
