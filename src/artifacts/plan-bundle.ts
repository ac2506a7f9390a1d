import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decryptToDirectory, ENCRYPTED_BUNDLE_FILE } from '../contracts/encryption.js';
import { MANIFEST_FILE } from '../contracts/manifest.js';
import { ConfigurationError } from '../core/errors.js';
import type { ArtifactStore, OtherRun } from './store.js';

export interface FetchPlanBundleOptions {
  /** The key tf-plan sealed the bundle with; a sealed bundle without it, or a clear one with it, is refused. */
  encryptionKey?: string | undefined;
  from?: OtherRun | undefined;
  /** The action reading the bundle, as named in messages. */
  reader: string;
  /**
   * Accept a bundle in the clear although a key is given. Only for readers that show plans, which may
   * gather sealed and clear ones together; an applying reader refuses it, as a swapped bundle.
   */
  acceptClear?: boolean;
}

/**
 * Downloads a plan bundle into `scratch` and, when it is sealed, opens it. Returns the directory that
 * holds its files; verifying them is the caller's (contracts/bundle.ts).
 */
export async function fetchPlanBundle(
  store: ArtifactStore,
  name: string,
  scratch: string,
  options: FetchPlanBundleOptions,
): Promise<string> {
  const downloaded = join(scratch, 'download');
  await store.download(name, downloaded, options.from);

  const sealed = join(downloaded, ENCRYPTED_BUNDLE_FILE);
  if (!existsSync(sealed)) {
    if (options.encryptionKey && !options.acceptClear) {
      throw new ConfigurationError(
        `The plan bundle ${name} is not encrypted, but encryption-key is set: tf-plan must be given the same encryption-key, or remove it here.`,
      );
    }
    return downloaded;
  }
  if (!options.encryptionKey) {
    throw new ConfigurationError(
      `The plan bundle ${name} is encrypted: give ${options.reader} the encryption-key tf-plan used.`,
    );
  }
  const opened = join(scratch, 'bundle');
  await mkdir(opened, { recursive: true });
  await decryptToDirectory(await readFile(sealed), options.encryptionKey, opened);
  // The clear manifest is what the approval gate read; it must be the sealed one, byte for byte.
  const clear = join(downloaded, MANIFEST_FILE);
  if (existsSync(clear) && !(await readFile(clear)).equals(await readFile(join(opened, MANIFEST_FILE)))) {
    throw new ConfigurationError(
      `The plan bundle ${name} was altered: its readable manifest.json differs from the encrypted one. Plan again.`,
    );
  }
  return opened;
}
