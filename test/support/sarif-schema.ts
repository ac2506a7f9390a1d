import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it in @microsoft/jest-sarif (draft-04,
 * 2.1.0-rtm.5), compiled once with ajv: the tests check the action's SARIF against it, not against a
 * schema of our own. The schema's language-tag pattern is not valid in unicode mode, so ajv reads its
 * patterns the way the schema's authors wrote them.
 */
const schemaPath = createRequire(import.meta.url).resolve(
  '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
);
const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
ajvFormats.default(ajv);

export const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** The schema's complaints about `log`, none when it is valid. */
export function sarifErrors(log: unknown): unknown[] {
  return validateSarif(log) ? [] : [...(validateSarif.errors ?? [])];
}
