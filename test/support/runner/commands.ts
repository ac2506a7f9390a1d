/**
 * The runner's two command channels, parsed the way the GitHub runner parses them:
 * - file commands: GITHUB_OUTPUT, GITHUB_STATE and GITHUB_ENV hold `name=value` lines or heredocs
 *   (`name<<DELIMITER`, the value's lines, `DELIMITER`); GITHUB_PATH holds one directory a line;
 * - workflow commands on stdout: `::command key=value,key=value::message`, with %-escapes.
 */

export class FileCommandError extends Error {}

/** Parses a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file into its name → value pairs, last one winning. */
export function parseKeyValueFile(content: string, fileName = 'file command'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = content.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    // As the runner does: a line is `name=value` when its first `=` comes before any `<<`.
    if (equals > 0 && (!heredoc || equals < line.indexOf('<<'))) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
      continue;
    }
    if (!heredoc)
      throw new FileCommandError(`${fileName}: invalid line ${index + 1}: ${JSON.stringify(line)}`);
    const [, name = '', delimiter = ''] = heredoc;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== delimiter; index++) body.push(lines[index] ?? '');
    if (index >= lines.length) {
      throw new FileCommandError(`${fileName}: the value of ${name} has no closing delimiter ${delimiter}`);
    }
    values[name] = body.join('\n');
  }
  return values;
}

export function parsePathFile(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

const COMMAND = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/;

/** Parses one log line as a workflow command, or returns undefined for an ordinary line. */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const match = COMMAND.exec(line);
  if (!match) return undefined;
  const [, command = '', rawProperties = '', message = ''] = match;
  const properties: Record<string, string> = {};
  for (const pair of rawProperties.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command, properties, message: unescapeData(message) };
}
