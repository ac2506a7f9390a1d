import { describe, expect, it } from '@jest/globals';
import {
  MachineReadableStream,
  parseMachineLine,
  unescapeField,
} from '../../../src/packer/machine-readable.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const place = { cwd: '/home/runner/work/infra/infra/images', relativeDir: 'images' };

describe('parseMachineLine', () => {
  it('splits timestamp, target, type and data, undoing Packer’s escapes', () => {
    expect(parseMachineLine('1795433356,,ui,message,    null.basic: hello%!(PACKER_COMMA) foo')).toEqual({
      timestamp: 1795433356,
      target: '',
      type: 'ui',
      data: ['message', '    null.basic: hello, foo'],
    });
    expect(parseMachineLine('1795433356,null.basic,artifact,0,builder-id,fnoeding.null')).toEqual({
      timestamp: 1795433356,
      target: 'null.basic',
      type: 'artifact',
      data: ['0', 'builder-id', 'fnoeding.null'],
    });
    expect(parseMachineLine('1795433443,,version-prelease,')).toMatchObject({ data: [''] });
    expect(parseMachineLine('1795433443,,error-count')).toMatchObject({ type: 'error-count', data: [] });
  });

  it('is undefined for lines that are not records', () => {
    expect(parseMachineLine('plain text from a plugin')).toBeUndefined();
    expect(parseMachineLine('')).toBeUndefined();
    expect(parseMachineLine('12a,,ui,say,x')).toBeUndefined();
  });

  it('turns escaped newlines and carriage returns back into characters', () => {
    expect(unescapeField('\\n==> Builds finished%!(PACKER_COMMA) ok\\r')).toBe('\n==> Builds finished, ok\r');
  });
});

function stream(lines: string[]) {
  const logger = new RecordingLogger();
  const parsed = new MachineReadableStream(logger, { ...place, templateFile: 'images/golden.pkr.hcl' });
  for (const line of lines) parsed.onStdoutLine(line);
  return { logger, parsed };
}

describe('MachineReadableStream', () => {
  it('logs ui lines line by line as they come, without the escapes', () => {
    const { logger } = stream([
      '1,,ui,say,==> null.basic: Running local shell script: /tmp/packer-shell1',
      '1,,ui,message,    null.basic: a%!(PACKER_COMMA)b',
      '1,,ui,say,\\n==> Builds finished. The artifacts of successful builds are:',
      'stray plugin output',
    ]);
    expect(logger.messages('info')).toEqual([
      '==> null.basic: Running local shell script: /tmp/packer-shell1',
      '    null.basic: a,b',
      '==> Builds finished. The artifacts of successful builds are:',
      'stray plugin output',
    ]);
    expect(logger.messages('error')).toEqual([]);
  });

  it('collects artifacts between their first line and end, with files and nil artifacts', () => {
    const { parsed } = stream([
      '1,null.a,artifact-count,2',
      '1,null.a,artifact,0,builder-id,fnoeding.null',
      '1,null.a,artifact,0,id,Null',
      '1,null.a,artifact,0,string,Did not export anything. This is the null builder',
      '1,null.a,artifact,0,files-count,2',
      '1,null.a,artifact,0,file,0,output/disk%!(PACKER_COMMA)1.qcow2',
      '1,null.a,artifact,0,file,1,output/disk.vmdk',
      '1,null.a,artifact,0,end',
      '1,null.a,artifact,1,nil',
      '1,null.a,artifact,1,end',
      '1,amazon-ebs.web,artifact,0,id,eu-west-1:ami-0abc%!(PACKER_COMMA)us-east-1:ami-0def',
      '1,amazon-ebs.web,artifact,0,end',
      '1,amazon-ebs.web,artifact,1,id,never-ended',
    ]);
    expect(parsed.artifacts).toEqual([
      {
        build: 'null.a',
        index: 0,
        id: 'Null',
        builderId: 'fnoeding.null',
        description: 'Did not export anything. This is the null builder',
        files: ['output/disk,1.qcow2', 'output/disk.vmdk'],
        nil: false,
      },
      { build: 'null.a', index: 1, id: '', files: [], nil: true },
      {
        build: 'amazon-ebs.web',
        index: 0,
        id: 'eu-west-1:ami-0abc,us-east-1:ami-0def',
        files: [],
        nil: false,
      },
    ]);
  });

  it('annotates HCL diagnostics in ui errors with their file and line', () => {
    const { logger, parsed } = stream([
      '1,,ui,error,Error: Missing item separator\\n\\n  on golden.pkr.hcl line 8%!(PACKER_COMMA) in build:\\n   7:     inline = ["echo hello"\\n   8:   }\\n\\nExpected a comma to mark the beginning of the next item.\\n\\n',
    ]);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'Missing item separator\nExpected a comma to mark the beginning of the next item.',
        properties: {
          title: 'Missing item separator',
          file: 'images/golden.pkr.hcl',
          startLine: 8,
          endLine: 8,
        },
      },
    ]);
  });

  it('annotates each failed build once, from its error record, and only logs the ui echoes of it', () => {
    const { logger, parsed } = stream([
      "1,,ui,error,Build 'null.b' errored after 37 milliseconds: Script exited with non-zero exit status: 3",
      '1,,error-count,1',
      "1,,ui,error,\\n==> Some builds didn't complete successfully and had errors:",
      '1,null.b,error,Script exited with non-zero exit status: 3.Allowed exit codes are: [0]',
      '1,,ui,error,--> null.b: Script exited with non-zero exit status: 3.Allowed exit codes are: [0]',
    ]);
    expect(parsed.buildErrors).toEqual([
      { build: 'null.b', message: 'Script exited with non-zero exit status: 3.Allowed exit codes are: [0]' },
    ]);
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'Script exited with non-zero exit status: 3.Allowed exit codes are: [0]',
        properties: { title: 'Packer build null.b failed' },
      },
    ]);
    expect(logger.messages('info')).toHaveLength(3);
    expect(parsed.otherErrors).toEqual([]);
  });

  it('annotates a ui error it cannot place, and keeps it for the failure message', () => {
    const { logger, parsed } = stream(['1,,ui,error,Failed to initialize core: something odd']);
    expect(parsed.otherErrors).toEqual(['Failed to initialize core: something odd']);
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'Failed to initialize core: something odd',
        properties: { title: 'Packer error' },
      },
    ]);
  });

  it('reads the version records, and keeps the end of stderr', () => {
    const { parsed, logger } = stream([
      '1,,version,1.11.2',
      '1,,version-prelease,',
      '1,,ui,say,Packer v1.11.2',
    ]);
    expect(parsed.version).toBe('1.11.2');
    for (let i = 0; i < 50; i++) parsed.onStderrLine(`panic line ${i}`);
    parsed.onStderrLine('   ');
    expect(parsed.stderrTail().split('\n')).toHaveLength(40);
    expect(parsed.stderrTail()).toMatch(/panic line 49$/);
    expect(logger.messages('info')).toContain('panic line 0');
  });
});
