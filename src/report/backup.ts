import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactStore } from '../artifacts/store.js';
import { encryptDirectory, ENCRYPTED_BUNDLE_FILE } from '../contracts/encryption.js';
import type { Exec } from '../core/exec.js';
import type { Logger } from '../core/logger.js';
import { resolveTool, TerraformCli, type BinaryChoice } from '../terraform/cli.js';

export interface BackupOptions {
  workingDirectory: string;
  relativeDir: string;
  binary: BinaryChoice;
  backendConfig: readonly string[];
  encryptionKey?: string | undefined;
  artifactName: string;
  scratch: string;
}

export interface BackupDependencies {
  exec: Exec;
  logger: Logger;
  artifacts: ArtifactStore;
}

export const STATE_FILE = 'terraform.tfstate';

/**
 * `backup-state`: pulls the current state (`init`, then `state pull`) and uploads it as an artifact,
 * sealed with the encryption key when one is given. The state holds every value in the clear, so it is
 * never printed, and without a key the log says it travels unencrypted.
 */
export async function backupState(
  options: BackupOptions,
  deps: BackupDependencies,
): Promise<{ artifact: string; encrypted: boolean } | undefined> {
  const tool = await resolveTool(options.binary, deps.exec);
  const cli = new TerraformCli({
    tool,
    exec: deps.exec,
    logger: deps.logger,
    cwd: options.workingDirectory,
    relativeDir: options.relativeDir,
  });
  await deps.logger.group(`${tool.name} init (for the state backup)`, () =>
    cli.init({ backendConfig: options.backendConfig }),
  );
  const state = await cli.statePull();
  if (!state) {
    deps.logger.info('There is no state to back up yet.');
    return undefined;
  }
  const clear = join(options.scratch, 'state');
  await mkdir(clear, { recursive: true });
  await writeFile(join(clear, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  if (options.encryptionKey) {
    const sealed = join(options.scratch, 'state-sealed');
    await mkdir(sealed, { recursive: true });
    await writeFile(
      join(sealed, ENCRYPTED_BUNDLE_FILE),
      await encryptDirectory(clear, options.encryptionKey),
    );
    await deps.artifacts.upload(options.artifactName, [join(sealed, ENCRYPTED_BUNDLE_FILE)], sealed);
  } else {
    deps.logger.warning(
      `The state backup ${options.artifactName} is not encrypted: anyone who can read the run's artifacts can read every value in it. Give encryption-key to seal it.`,
    );
    await deps.artifacts.upload(options.artifactName, [join(clear, STATE_FILE)], clear);
  }
  deps.logger.info(`Backed up the state (serial ${String(state.serial ?? '?')}) as ${options.artifactName}.`);
  return { artifact: options.artifactName, encrypted: !!options.encryptionKey };
}
