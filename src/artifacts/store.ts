import type * as ArtifactLibrary from '@actions/artifact';

import { ConfigurationError } from '../core/errors.js';

/** Where to find an artifact made by another workflow run (plan on the pull request, apply on merge). */
export interface OtherRun {
  runId: number;
  owner: string;
  repo: string;
  /** A token with actions:read on the repository. */
  token: string;
}

export interface UploadedArtifact {
  name: string;
  id: number;
  size: number;
  /** When the service recorded it (ISO 8601), where the listing says. */
  createdAt?: string;
}

/**
 * The artifacts collaborator: jobs share nothing else. Domain code uploads and downloads through this
 * interface; the real one is backed by @actions/artifact, and unit tests pass an in-memory one.
 */
export interface ArtifactStore {
  upload(name: string, files: readonly string[], rootDirectory: string): Promise<UploadedArtifact>;
  /** Downloads the artifact into `directory`; a missing artifact is a ConfigurationError that says what to check. */
  download(name: string, directory: string, from?: OtherRun): Promise<void>;
  /** This run's artifacts whose names start with `prefix`, the latest of each name, by name. */
  list(prefix: string): Promise<UploadedArtifact[]>;
  /**
   * Starts loading what a transfer needs, so that the first one does not wait for it. Compiling the
   * library holds the main thread for a moment: call it once a tool process is running, not before.
   */
  prepare?(): void;
}

/**
 * The store over @actions/artifact. The library is loaded lazily: it is the heaviest module in the
 * bundle, and actions that fail on an input never need it.
 */
export function actionsArtifactStore(): ArtifactStore {
  let loading: Promise<typeof ArtifactLibrary> | undefined;
  const library = () => (loading ??= import('@actions/artifact'));
  const client = async () => new (await library()).DefaultArtifactClient();
  return {
    prepare() {
      // Ignored here on purpose: the first use awaits the same promise and reports a failed load. The handler
      // only keeps the early rejection from being an unhandled one, which would end the process.
      library().catch(() => undefined);
    },
    async upload(name, files, rootDirectory) {
      // Fast deflate: planfiles are zip archives already, and the time goes to the runner, not the network.
      const { id, size } = await (
        await client()
      ).uploadArtifact(name, [...files], rootDirectory, {
        compressionLevel: 1,
      });
      if (id === undefined)
        throw new Error(`the artifact ${name} was uploaded but the service returned no id`);
      return { name, id, size: size ?? 0 };
    },
    async download(name, directory, from) {
      const artifacts = await client();
      const findBy = from
        ? {
            token: from.token,
            workflowRunId: from.runId,
            repositoryOwner: from.owner,
            repositoryName: from.repo,
          }
        : undefined;
      const { ArtifactNotFoundError } = await library();
      let id: number;
      try {
        id = (await artifacts.getArtifact(name, findBy ? { findBy } : undefined)).artifact.id;
      } catch (error) {
        if (!(error instanceof ArtifactNotFoundError)) throw error;
        const where = from ? `workflow run ${from.runId}` : 'this workflow run';
        throw new ConfigurationError(
          `No artifact named "${name}" in ${where}. Check that the job that makes it ran first with the same stack and artifact-prefix${from ? ', and that the run id is right' : ''}.`,
        );
      }
      await artifacts.downloadArtifact(id, { path: directory, ...(findBy ? { findBy } : {}) });
    },
    async list(prefix) {
      const { artifacts } = await (await client()).listArtifacts({ latest: true });
      return artifacts
        .filter((artifact) => artifact.name.startsWith(prefix))
        .map(({ name, id, size, createdAt }) => ({
          name,
          id,
          size,
          ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
