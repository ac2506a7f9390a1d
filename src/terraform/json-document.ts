/**
 * Parses the JSON document a tool printed on stdout (`show -json`, `output -json`, `state pull`,
 * `version -json`).
 *
 * Why not a plain JSON.parse: tofu and terraform print CLI-configuration warnings ("Unable to open CLI
 * configuration file", from a TF_CLI_CONFIG_FILE that points nowhere) on stdout *before* the document.
 * The fast path parses the whole text once, because `show -json` of a big plan is many megabytes; only
 * when that fails do we look for the line where the document starts.
 */
export interface ParsedDocument {
  /** The parsed document, or undefined when stdout held no JSON at all (`state pull` without state). */
  value: unknown;
  /** Text printed before the document (warnings), trimmed; empty when there was none. */
  preamble: string;
}

export function parseJsonDocument(stdout: string): ParsedDocument {
  if (stdout.trim() === '') return { value: undefined, preamble: '' };
  try {
    return { value: JSON.parse(stdout), preamble: '' };
  } catch (error) {
    const start = documentStart(stdout);
    if (start === undefined) return { value: undefined, preamble: stdout.trim() };
    if (start === 0) throw error;
    // A document that still does not parse after the preamble is truncated or corrupt: let that surface.
    return { value: JSON.parse(stdout.slice(start)), preamble: stdout.slice(0, start).trim() };
  }
}

/** The offset of the first line that opens a JSON object or array, if any. */
function documentStart(text: string): number | undefined {
  const match = /^[{[]/m.exec(text);
  return match?.index;
}
