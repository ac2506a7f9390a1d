// A test-bed probe, not part of the suite: exercises the runner's file and workflow commands through
// the real @actions/core, so the harness is checked against what the toolkit actually writes.
import * as core from '@actions/core';
import { appendFileSync } from 'node:fs';

const phase = core.getState('phase') === '' ? 'pre' : core.getState('phase') === 'pre' ? 'main' : 'post';
core.info(`phase ${phase} in ${process.cwd()}`);
core.info(`greeting=${core.getInput('greeting')}`);
if (phase === 'pre') {
  core.saveState('phase', 'pre');
} else if (phase === 'main') {
  const secret = core.getInput('secret');
  if (secret) core.setSecret(secret);
  core.info(`the secret is ${secret}`);
  core.saveState('phase', 'main');
  core.saveState('from-main', 'line one\nline two');
  core.setOutput('multiline', 'first\nsecond\n%percent: and, comma');
  core.setOutput('phase', 'main');
  core.exportVariable('PROBE_EXPORTED', 'exported=value');
  core.addPath('/probe/bin');
  core.startGroup('a group');
  core.warning('careful', { file: 'main.tf', startLine: 3, title: 'A title' });
  core.endGroup();
  core.notice('noted');
  core.debug('debug detail');
  await core.summary.addHeading('Probe').addRaw('main ran').write();
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, '\nraw line\n');
  if (core.getBooleanInput('fail')) core.setFailed('asked to fail: line 1\nline 2');
} else {
  core.info(`post sees from-main=${JSON.stringify(core.getState('from-main'))}`);
  core.info(`post sees PROBE_EXPORTED=${process.env.PROBE_EXPORTED ?? ''}`);
  core.info(`post sees PATH starting ${(process.env.PATH ?? '').split(':')[0]}`);
  core.setOutput('phase', 'post');
}
