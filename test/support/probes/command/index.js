// A test-bed probe, not part of the suite: stands for a later `run:` step that calls a tool by name,
// so a test sees what an earlier step's GITHUB_PATH and GITHUB_ENV changed.
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as io from '@actions/io';

try {
  const command = core.getInput('command', { required: true });
  const path = await io.which(command, true);
  core.setOutput('path', path);
  const result = await exec.getExecOutput(path, JSON.parse(core.getInput('args') || '[]'), {
    ignoreReturnCode: true,
  });
  core.setOutput('stdout', result.stdout);
  core.setOutput('exit-code', String(result.exitCode));
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
