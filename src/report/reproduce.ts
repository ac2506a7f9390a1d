import type { ReportModel } from './model.js';

/**
 * reproduce.sh: re-runs the deployment from the same commit with the pinned tool versions and the same
 * var files, checking each var file's sha256 against what the plan recorded. It holds no secret: values
 * given as `vars` inputs, backend settings and keys are not in any artifact, and the script asks for
 * them. Every value read from an artifact is single-quoted for the shell.
 */

/** A word for POSIX sh: single-quoted, with each `'` closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function renderReproduceScript(model: ReportModel): string {
  const q = shellQuote;
  const lines = [
    '#!/usr/bin/env bash',
    `# Re-runs the deployment of ${model.run.repository} run ${model.run.runId} (attempt ${model.run.runAttempt}).`,
    '# Run it from a clone of the repository. It plans as the run did and stops before applying: read the',
    '# plan, then apply it yourself. Values the run passed as `vars` inputs or secrets are not recorded',
    '# anywhere; export them as TF_VAR_<name> first. Pass backend settings with BACKEND_CONFIG=path/to/file.',
    'set -euo pipefail',
    '',
    `COMMIT=${q(model.run.commit)}`,
    '',
    'need_version() { # tool, pinned version, command printing the version',
    '  local tool=$1 want=$2 got',
    '  shift 2',
    '  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed: install $want" >&2; exit 1; }',
    '  got=$("$@" 2>&1 | head -n 1)',
    '  case $got in *"$want"*) ;; *) echo "$tool is not $want (got: $got): install the pinned version" >&2; exit 1 ;; esac',
    '}',
    'check_sha256() { # file, expected hex',
    '  local got',
    '  got=$(sha256sum "$1" | cut -d" " -f1)',
    '  [ "$got" = "$2" ] || { echo "$1 differs from the one the run used (sha256 $got, expected $2)" >&2; exit 1; }',
    '}',
    '',
    'git fetch --quiet origin "$COMMIT" 2>/dev/null || true',
    'git checkout --quiet --detach "$COMMIT"',
    'root=$(git rev-parse --show-toplevel)',
    '',
  ];
  const images = model.artifacts.flatMap((a) => (a.kind === 'image' && a.metadata ? [a.metadata] : []));
  for (const m of images) {
    lines.push(`# Image ${m.name}: packer ${m.packerVersion}, template ${m.template.path}`);
    lines.push(`need_version packer ${q(m.packerVersion.replace(/^v/, ''))} packer version`);
    for (const f of [...m.template.files, ...m.varFiles])
      lines.push(`check_sha256 "$root"/${q(f.path)} ${q(f.sha256)}`);
    lines.push(
      `(cd "$root" && packer init ${q(m.template.path)} && packer build${m.varFiles.map((f) => ` -var-file=${q(f.path)}`).join('')} ${q(m.template.path)})`,
      '',
    );
  }
  const plans = model.artifacts.flatMap((a) => (a.kind === 'plan' && a.manifest ? [a.manifest] : []));
  for (const m of plans) {
    const tool = m.tool.name;
    lines.push(
      `# Stack ${m.stack}: ${tool} ${m.tool.version}, workspace ${m.workspace}, plan digest ${m.planDigest}`,
      `need_version ${tool} ${q(m.tool.version.replace(/^v/, ''))} ${tool} version`,
    );
    for (const f of m.varFiles) lines.push(`check_sha256 "$root"/${q(f.path)} ${q(f.sha256)}`);
    lines.push(
      '(',
      `  cd "$root"/${q(m.workingDirectory)}`,
      `  ${tool} init -input=false \${BACKEND_CONFIG:+-backend-config="$BACKEND_CONFIG"}`,
      ...(m.workspace !== 'default' ? [`  ${tool} workspace select -or-create=true ${q(m.workspace)}`] : []),
      `  ${tool} plan -input=false${m.varFiles.map((f) => ` -var-file="$root"/${q(f.path)}`).join('')} -out=reproduced.tfplan`,
      `  echo "Planned ${m.stack.replace(/[^A-Za-z0-9._-]/g, '_')}: the run's plan was ${m.summary.add} to add, ${m.summary.change} to change, ${m.summary.destroy} to destroy. Apply with: ${tool} apply reproduced.tfplan"`,
      ')',
      '',
    );
  }
  const ansible = model.artifacts.flatMap((a) => (a.kind === 'ansible' && a.results ? [a.results] : []));
  for (const r of ansible) {
    lines.push(`# Configuration of ${r.stack}: ansible-core ${r.ansibleVersion ?? '(version not recorded)'}`);
    if (r.ansibleVersion)
      lines.push(`need_version ansible-playbook ${q(`core ${r.ansibleVersion}`)} ansible-playbook --version`);
    lines.push(
      `# After the apply, with the inventory it publishes (the run used ${r.inventory}):`,
      `echo ansible-playbook -i inventory.yml${r.limit ? ` --limit ${q(r.limit)}` : ''}${r.tags.length > 0 ? ` --tags ${q(r.tags.join(','))}` : ''} ${q(r.playbook)}`,
      '',
    );
  }
  if (plans.length === 0 && images.length === 0) {
    lines.push(
      'echo "The run left no plan bundle or image metadata: there is nothing to re-run." >&2',
      'exit 1',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
