import { mkdtemp, writeFile } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { artifactName } from '../artifacts/names.js';
import type { ArtifactStore, UploadedArtifact } from '../artifacts/store.js';
import {
  BUILD_METADATA_FILE,
  BUILD_METADATA_SCHEMA,
  validateBuildMetadata,
  type BuildMetadata,
  type BuildOrigin,
  type ImageArtifact,
} from '../contracts/build-metadata.js';
import { toWorkspacePath } from '../contracts/manifest.js';
import { ConfigurationError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import { NAME_PART } from '../core/inputs.js';
import type { Logger } from '../core/logger.js';
import type { RunContext } from '../core/run-context.js';
import { SUITE_VERSION } from '../core/version.js';
import { buildRecordKey, type BuildRecords } from './build-record.js';
import { hasInit, PackerCli, resolvePacker, type PackerTool } from './cli.js';
import type { MachineArtifact } from './machine-readable.js';
import { artifactsOfThisRun, readManifestFile } from './manifest.js';
import {
  analyseTemplate,
  discoverTemplate,
  hashTemplate,
  templateBaseName,
  workspacePath,
  type Template,
  type TemplateAnalysis,
} from './template.js';
import { assertSelectionMatches } from './selection.js';
import { assertDeclared, writeVariablesFile } from './variables.js';
import type { StepReport } from '../core/outputs.js';
import { NO_AUDIT, type AuditLog } from '../audit/log.js';
import { imageSummaryMarkdown } from './summary.js';

/** What packer-build reads: its inputs, camel-cased, as src/actions/packer-build/inputs.ts parses them. */
export interface PackerBuildInputs {
  template: string;
  workingDirectory: string;
  varFiles: string[];
  vars: [string, string][];
  only: string[];
  except: string[];
  imageName?: string | undefined;
  skipUnchanged: boolean;
  artifactPrefix: string;
}

/** The outputs packer-build sets, by their action.yml names. */
export interface PackerBuildOutputs {
  'image-id': string;
  artifacts: Array<Pick<BuildMetadata['artifacts'][number], 'build' | 'id' | 'builderId' | 'files'>>;
  'build-time': string;
  'template-hash': string;
  skipped: boolean;
  'metadata-path': string;
  'image-name': string;
  'artifact-name': string;
}

export interface PackerBuildDependencies {
  exec: Exec;
  logger: Logger;
  artifacts: ArtifactStore;
  records: BuildRecords;
  run: RunContext;
  /** The clock, for the default image name and the build time. */
  now?: () => Date;
  /** Where to look for packer; the process's PATH when not given (tests pass their own). */
  searchPath?: string;
  /** The step's audit log: the image event. */
  audit?: AuditLog;
}

export interface PackerBuildResult {
  metadata: BuildMetadata;
  metadataPath: string;
  artifactName: string;
  artifact: UploadedArtifact;
  /** The skip-unchanged key, when skip-unchanged is on. */
  recordKey?: string;
}

/** The variable a template declares to receive the image's name. */
export const IMAGE_NAME_VARIABLE = 'image_name';

/**
 * packer-build: hash the template; with skip-unchanged, hand on an earlier build of the same hash;
 * otherwise init (when plugins are required) and build, read the artifacts, and upload
 * build-metadata.json as `<prefix>-image-<name>`.
 */
export async function buildImage(
  inputs: PackerBuildInputs,
  deps: PackerBuildDependencies,
): Promise<PackerBuildResult> {
  const { logger, run } = deps;
  const now = deps.now ?? (() => new Date());
  const template = await discoverTemplate(inputs.template);
  const hashed = await hashTemplate(template, inputs.varFiles, run.workspace);
  const imageName = chooseImageName(inputs, template, run, now());
  // only and except are checked before anything else: Packer builds nothing, and succeeds, when -only
  // matches no build. The template is read here only then, as the HCL parser costs start-up time.
  const analysis =
    inputs.only.length > 0 || inputs.except.length > 0
      ? await analyseTemplate(template, inputs.workingDirectory, logger)
      : undefined;
  if (analysis) assertSelectionMatches(inputs, analysis, template.format);
  logger.info(
    `Template ${workspacePath(run.workspace, template.path)} (${template.format === 'hcl2' ? 'HCL2' : 'JSON'}, ` +
      `${template.files.length} file(s)), template hash ${hashed.hash}`,
  );

  const recordKey = inputs.skipUnchanged
    ? buildRecordKey({
        templateHash: hashed.hash,
        only: inputs.only,
        except: inputs.except,
        vars: inputs.vars,
      })
    : undefined;
  if (recordKey) {
    const recorded = await deps.records.find(recordKey);
    if (recorded) {
      logger.notice(
        `The template is unchanged since run ${recorded.builtBy.runId} built image ${recorded.imageId || '(no id)'}: ` +
          'skipped the build (skip-unchanged).',
        { title: 'Packer build skipped' },
      );
      const metadata = validateBuildMetadata({
        ...recorded,
        producer: { action: 'packer-build', version: SUITE_VERSION },
        writtenBy: originOf(run),
        skipped: true,
        createdAt: now().toISOString(),
      });
      // Named after this run's image name, so it never collides with the artifact of the build it reuses.
      return { ...(await publish(metadata, imageName, inputs, deps)), recordKey };
    }
    logger.info(`No earlier build of this template was recorded (${recordKey}); building.`);
  }

  // Together: Packer reports its version in a process of its own while the template is read here.
  const [tool, analysed] = await Promise.all([
    resolvePacker(deps.exec, deps.searchPath),
    analysis ?? analyseTemplate(template, inputs.workingDirectory, logger),
  ]);
  logger.info(`Building ${imageName} with Packer ${tool.version}`);
  const built = await runPacker(inputs, deps, { template, tool, imageName, analysis: analysed });
  const metadata = validateBuildMetadata({
    schema: BUILD_METADATA_SCHEMA,
    producer: { action: 'packer-build', version: SUITE_VERSION },
    name: imageName,
    template: {
      path: workspacePath(run.workspace, template.path),
      format: template.format,
      files: hashed.templateFiles,
    },
    varFiles: hashed.varFiles,
    templateHash: hashed.hash,
    packerVersion: tool.version,
    buildTime: now().toISOString(),
    imageId: lastId(built.artifacts),
    artifacts: built.artifacts,
    // Later builds win: the last build is the image handed on.
    customData: Object.fromEntries(
      built.artifacts.flatMap((artifact) => Object.entries(artifact.customData)),
    ),
    artifactSource: built.source,
    builtBy: originOf(run),
    writtenBy: originOf(run),
    skipped: false,
    createdAt: now().toISOString(),
  } satisfies BuildMetadata);
  if (metadata.imageId === '') {
    logger.warning('The build finished without an artifact id, so the image-id output is empty.', {
      title: 'No image id',
    });
  }
  const published = await publish(metadata, metadata.name, inputs, deps);
  if (recordKey) await deps.records.record(recordKey, metadata);
  return { ...published, ...(recordKey ? { recordKey } : {}) };
}

/** image-name, else image_name in vars, else `<template>-<timestamp>`. */
function chooseImageName(inputs: PackerBuildInputs, template: Template, run: RunContext, now: Date): string {
  const fromVars = inputs.vars.find(([name]) => name === IMAGE_NAME_VARIABLE)?.[1];
  if (inputs.imageName && fromVars !== undefined) {
    throw new ConfigurationError(
      `Input "vars" sets ${IMAGE_NAME_VARIABLE} and input "image-name" is given too: set the image name in image-name only.`,
    );
  }
  if (inputs.imageName) return inputs.imageName;
  if (fromVars !== undefined) {
    if (!NAME_PART.test(fromVars)) {
      throw new ConfigurationError(
        `Input "vars" sets ${IMAGE_NAME_VARIABLE} to a value that cannot be part of an artifact name ` +
          '(letters, digits, ".", "_" or "-", at most 100): set it with image-name instead.',
      );
    }
    return fromVars;
  }
  return defaultImageName(template, run, now);
}

/** `<template>-<UTC yyyymmddhhmmss>`, made fit for an artifact name. */
export function defaultImageName(template: Template, run: RunContext, now: Date): string {
  const base = relative(run.workspace, template.path) === '' ? run.repo : templateBaseName(template);
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/\D/g, '');
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100 - stamp.length - 1);
  return cleaned ? `${cleaned}-${stamp}` : `image-${stamp}`;
}

interface Built {
  artifacts: ImageArtifact[];
  source: BuildMetadata['artifactSource'];
}

async function runPacker(
  inputs: PackerBuildInputs,
  deps: PackerBuildDependencies,
  context: { template: Template; tool: PackerTool; imageName: string; analysis: TemplateAnalysis },
): Promise<Built> {
  const { logger, run } = deps;
  const { template, tool, analysis } = context;
  const cwd = inputs.workingDirectory;
  const relativeDir = toWorkspacePath(run.workspace, cwd);
  const values = variableValues(inputs, analysis, context.imageName);

  if (analysis.requiredPlugins.length > 0 && !hasInit(tool)) {
    throw new ConfigurationError(
      `The template declares required_plugins (${analysis.requiredPlugins.join(', ')}), which Packer ${tool.version} ` +
        'does not know: packer init came with Packer 1.7. Install a newer Packer with the setup action (packer-version).',
    );
  }

  const varsFile =
    values.length > 0
      ? await writeVariablesFile(run.runnerTemp, template.format, values, analysis.variables)
      : undefined;
  try {
    const relativeTemplate = relative(cwd, template.path);
    const cli = new PackerCli({
      tool,
      exec: deps.exec,
      logger,
      template:
        relativeTemplate === '' ? '.' : isAbsolute(relativeTemplate) ? template.path : relativeTemplate,
      place: {
        cwd,
        relativeDir,
        ...(template.isDirectory ? {} : { templateFile: workspacePath(run.workspace, template.path) }),
        ...(varsFile ? { variablesFile: varsFile.path } : {}),
      },
    });
    const args = {
      varFiles: [...inputs.varFiles, ...(varsFile ? [varsFile.path] : [])],
      only: inputs.only,
      except: inputs.except,
    };
    if (analysis.requiredPlugins.length > 0) await logger.group('packer init', () => cli.init());
    // No packer validate first: build validates the whole template before it starts any build, with
    // the same diagnostics, so a separate run would only cost a start-up of Packer and its plugins.
    const manifests = analysis.manifests.filter((manifest) => manifest.path !== undefined);
    for (const manifest of analysis.manifests.filter((m) => m.path === undefined)) {
      logger.info(
        `The manifest post-processor writes to ${manifest.expression}, which is known only during the build; ` +
          'the artifacts are read from Packer’s output instead.',
      );
    }
    const before = await Promise.all(
      manifests.map(async (m) => (await readManifestFile(m.path ?? ''))?.last_run_uuid ?? undefined),
    );
    const { artifacts } = await logger.group('packer build', () => cli.build(args));
    if (!analysis.parsed) {
      // Packer read it, so the template uses HCL newer than the parser here knows.
      logger.warning(
        'The template could not be read ahead of Packer, so the image name was not passed to it, vars were not ' +
          "checked against its variables, and the artifacts are read from Packer's output, not the manifest.",
        { title: 'Template not read' },
      );
    }

    const fromManifests: ImageArtifact[] = [];
    const seen = new Set<string>();
    for (const [index, manifest] of manifests.entries()) {
      const path = manifest.path ?? '';
      if (seen.has(path)) continue;
      seen.add(path);
      fromManifests.push(...artifactsOfThisRun(await readManifestFile(path), before[index], template.format));
    }
    if (fromManifests.length > 0) {
      return { artifacts: withBuilderIds(fromManifests, artifacts), source: 'manifest' };
    }
    if (manifests.length > 0) {
      logger.info("The manifest post-processor's file holds no build of this run; using Packer's output.");
    }
    return { artifacts: fromMachineReadable(artifacts), source: 'machine-readable' };
  } finally {
    await varsFile?.remove();
  }
}

/** The `vars` input, plus the image name when the template declares image_name and vars does not set it. */
function variableValues(
  inputs: PackerBuildInputs,
  analysis: TemplateAnalysis,
  imageName: string,
): Array<readonly [string, string]> {
  const values: Array<readonly [string, string]> = [...inputs.vars];
  // An unparsed template is left to Packer, which names the file and line.
  if (!analysis.parsed) return values;
  assertDeclared(
    values.map(([name]) => name),
    analysis.variables,
  );
  if (analysis.variables.has(IMAGE_NAME_VARIABLE) && !values.some(([name]) => name === IMAGE_NAME_VARIABLE)) {
    values.push([IMAGE_NAME_VARIABLE, imageName]);
  }
  return values;
}

/** The manifest lacks builder ids; the machine-readable artifact of the same build and id has one. */
function withBuilderIds(artifacts: ImageArtifact[], machine: readonly MachineArtifact[]): ImageArtifact[] {
  return artifacts.map((artifact) => {
    const match = machine.find((m) => m.build === artifact.build && m.id === artifact.id && m.builderId);
    return match?.builderId ? { ...artifact, builderId: match.builderId } : artifact;
  });
}

function fromMachineReadable(artifacts: readonly MachineArtifact[]): ImageArtifact[] {
  return artifacts
    .filter((artifact) => !artifact.nil)
    .map((artifact) => ({
      build: artifact.build,
      id: artifact.id,
      ...(artifact.builderId ? { builderId: artifact.builderId } : {}),
      files: artifact.files,
      customData: {},
    }));
}

/** The id of the last build's artifact: the last one with an id. */
function lastId(artifacts: readonly ImageArtifact[]): string {
  return [...artifacts].reverse().find((artifact) => artifact.id !== '')?.id ?? '';
}

function originOf(run: RunContext): BuildOrigin {
  return { runId: run.runId, runAttempt: run.runAttempt, commit: run.sha, ref: run.ref };
}

/** Writes build-metadata.json to RUNNER_TEMP and uploads it as `<prefix>-image-<name>`. */
async function publish(
  metadata: BuildMetadata,
  name: string,
  inputs: PackerBuildInputs,
  deps: PackerBuildDependencies,
): Promise<Omit<PackerBuildResult, 'recordKey'>> {
  const dir = await mkdtemp(join(deps.run.runnerTemp, `iac-image-`));
  const metadataPath = join(dir, BUILD_METADATA_FILE);
  await writeFile(metadataPath, `${JSON.stringify(metadata, null, 2)}\n`);
  const artifact = await deps.artifacts.upload(
    artifactName(inputs.artifactPrefix, 'image', name),
    [metadataPath],
    dir,
  );
  deps.logger.info(`Uploaded ${BUILD_METADATA_FILE} as ${artifact.name}`);
  return { metadata, metadataPath, artifactName: artifact.name, artifact };
}

/** The packer-build step: builds the image (or hands on the unchanged one), then its outputs and summary. */
export async function runPackerBuild(
  inputs: PackerBuildInputs,
  deps: PackerBuildDependencies & StepReport<PackerBuildOutputs>,
): Promise<void> {
  const event = (deps.audit ?? NO_AUDIT).begin('image', {});
  const result = await buildImage(inputs, deps);
  const { metadata } = result;
  event.finish(
    'success',
    `Image ${metadata.name} (id ${metadata.imageId})${metadata.skipped ? ', unchanged: the build was skipped' : ''}.`,
  );
  deps.setOutputs({
    'image-id': metadata.imageId,
    artifacts: metadata.artifacts.map(({ build, id, builderId, files }) => ({ build, id, builderId, files })),
    'build-time': metadata.buildTime,
    'template-hash': metadata.templateHash,
    skipped: metadata.skipped,
    'metadata-path': result.metadataPath,
    'image-name': metadata.name,
    'artifact-name': result.artifactName,
  });
  await deps.writeSummary(imageSummaryMarkdown(result, deps.run));
}
