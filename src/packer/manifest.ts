import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ImageArtifact } from '../contracts/build-metadata.js';
import type { TemplateFormat } from './template.js';

/**
 * The manifest post-processor's file (`packer-manifest.json` by default). Packer appends to it on every
 * run, so it may hold builds of earlier runs too (a file checked in, a second build in the same job):
 * this run's builds are those whose `packer_run_uuid` is the file's `last_run_uuid`, and only when the
 * file's last run changed during this build.
 */

const manifestBuildSchema = z.object({
  name: z.string(),
  builder_type: z.string().optional(),
  build_time: z.number().optional(),
  // Null for builders that export no files.
  files: z
    .array(z.object({ name: z.string() }).loose())
    .nullish()
    .transform((files) => files ?? []),
  artifact_id: z.string().nullish(),
  packer_run_uuid: z.string().nullish(),
  // Packer 1.6 writes null when the template sets none; values are strings (map[string]string).
  custom_data: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((data) => data ?? {}),
});

const manifestFileSchema = z.object({
  builds: z.array(manifestBuildSchema).nullish(),
  last_run_uuid: z.string().nullish(),
});

export type ManifestFile = z.output<typeof manifestFileSchema>;

/** The file as parsed, or undefined when it does not exist or is not a manifest. */
export async function readManifestFile(path: string): Promise<ManifestFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const result = manifestFileSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * This run's builds in a manifest, as artifacts, in the order Packer finished them. `before` is the
 * file's `last_run_uuid` from before the build, so a file this build did not write gives nothing.
 */
export function artifactsOfThisRun(
  manifest: ManifestFile | undefined,
  before: string | undefined,
  format: TemplateFormat,
): ImageArtifact[] {
  const run = manifest?.last_run_uuid;
  if (!manifest || !run || run === before) return [];
  return (manifest.builds ?? [])
    .filter((build) => build.packer_run_uuid === run)
    .map((build) => ({
      // HCL2 records `basic` for source "null" "basic", which Packer's output calls null.basic.
      build: format === 'hcl2' && build.builder_type ? `${build.builder_type}.${build.name}` : build.name,
      id: build.artifact_id ?? '',
      ...(build.builder_type ? { builderType: build.builder_type } : {}),
      files: build.files.map((file) => file.name),
      customData: Object.fromEntries(
        Object.entries(build.custom_data).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      ),
    }));
}
