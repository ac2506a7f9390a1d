import { z } from 'zod';
import { contractReader, producerSchema, validateForWrite } from './manifest.js';

/**
 * `build-metadata.json`, the image artifact (`<prefix>-image-<name>`) that packer-build uploads: which
 * template made which image, with which Packer, and what the template recorded about it (custom data such
 * as installed software versions). The same document is what skip-unchanged keeps in the Actions cache,
 * so a later run can hand on the image id without building.
 */

export const BUILD_METADATA_FILE = 'build-metadata.json';
export const BUILD_METADATA_KIND = 'iac/image';
export const BUILD_METADATA_MAJOR = 1;
export const BUILD_METADATA_SCHEMA = `${BUILD_METADATA_KIND}@${BUILD_METADATA_MAJOR}` as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

const text = z.string().min(1, { error: 'must not be empty' });
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });
const wholeNumber = z.int().min(1, { error: 'must be a whole number, 1 or more' });

/** A file that went into the template hash, its path relative to the workspace (POSIX). */
export const hashedFileSchema = z.object({
  path: text,
  sha256: z.string().regex(SHA256_HEX, { error: 'must be a sha256: 64 lowercase hex digits' }),
});

/** One artifact a build produced, from the manifest post-processor or the machine-readable output. */
export const imageArtifactSchema = z.object({
  /** The build that made it, as Packer names it: `null.basic` (HCL2), `amazon-ebs` (JSON). */
  build: text,
  /** The artifact's id, such as an AMI id; may be empty for builders that export nothing. */
  id: z.string(),
  builderId: z.string().optional(),
  builderType: z.string().optional(),
  files: z.array(z.string()),
  /** The manifest post-processor's `custom_data` for this build. */
  customData: z.record(z.string(), z.string()),
});

/** Where the document's fields came from: a build in this run, or an earlier build it was reused from. */
export const buildOriginSchema = z.object({
  runId: wholeNumber,
  runAttempt: wholeNumber,
  commit: z.string().regex(COMMIT, { error: 'must be a commit SHA: 40 (or 64) lowercase hex digits' }),
  ref: z.string(),
});

export const buildMetadataSchema = z.object({
  schema: z.literal(BUILD_METADATA_SCHEMA),
  producer: producerSchema,
  /** The image's name, as passed to the template's `image_name` variable when it declares one. */
  name: text,
  template: z.object({
    /** The template input, relative to the workspace (POSIX). */
    path: text,
    format: z.enum(['hcl2', 'json']),
    files: z.array(hashedFileSchema),
  }),
  varFiles: z.array(hashedFileSchema),
  templateHash: z.string().regex(DIGEST, { error: 'must be "sha256:" and 64 lowercase hex digits' }),
  packerVersion: text,
  /** When the build finished. */
  buildTime: isoTime,
  /** The artifact id of the last build: what tf-plan gets as the image variable. */
  imageId: z.string(),
  artifacts: z.array(imageArtifactSchema),
  /** Every build's custom data merged, later builds winning: the image's recorded facts. */
  customData: z.record(z.string(), z.string()),
  /** Where the artifacts were read: the manifest post-processor's file, or the machine-readable lines. */
  artifactSource: z.enum(['manifest', 'machine-readable']),
  /** The run that built the image. */
  builtBy: buildOriginSchema,
  /** The run that wrote this document: the builder, or a later run that skipped the unchanged build. */
  writtenBy: buildOriginSchema,
  skipped: z.boolean(),
  createdAt: isoTime,
});

export type BuildMetadata = z.output<typeof buildMetadataSchema>;
export type ImageArtifact = z.output<typeof imageArtifactSchema>;
export type HashedFile = z.output<typeof hashedFileSchema>;
export type BuildOrigin = z.output<typeof buildOriginSchema>;

/** Reads and validates a build-metadata.json (the image artifact, or a record from the cache). */
export const readBuildMetadata = contractReader(buildMetadataSchema, 'packer-build', BUILD_METADATA_FILE);

/** Checks a document before it is written: a bad one is a bug in the writer, not the user's mistake. */
export function validateBuildMetadata(value: unknown): BuildMetadata {
  return validateForWrite(buildMetadataSchema, value, BUILD_METADATA_FILE);
}
