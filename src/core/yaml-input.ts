import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { contentInput } from './inputs.js';

// The one input kind that needs the YAML parser, apart from the others (inputs.ts) so that only the
// actions with a YAML input load the parser before their inputs are read.

/** YAML or JSON (JSON is YAML), parsed to a mapping; errors name the line. */
const yamlMapping = z.string().transform((text, ctx) => {
  try {
    const value: unknown = parseYaml(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a YAML or JSON mapping of names to values' });
      return z.NEVER;
    }
    return value as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof YAMLParseError ? ` (line ${error.linePos?.[0]?.line ?? '?'})` : '';
    ctx.addIssue({ code: 'custom', message: `is not valid YAML or JSON${line}` });
    return z.NEVER;
  }
});

/** input.yamlMapping: a YAML or JSON mapping of names to values (kind `yaml`). */
export const yamlMappingInput = () => contentInput('yaml', yamlMapping);
