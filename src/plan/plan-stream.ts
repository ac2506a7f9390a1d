import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { ConfigurationError, isConfigurationError } from '../core/errors.js';
import { assertPlanFormat } from '../terraform/plan-summary.js';
import {
  assertPlanShape,
  PlanModelBuilder,
  type BuildOptions,
  type PlanModel,
  type SourceText,
} from './model.js';
import { oneLine } from '../markdown/escape.js';

/**
 * Reads a `show -json` document from a file or stream into the plan model without holding the whole
 * document. A plan of 50,000 changes is a JSON text of about 70 MB, and JSON.parse of it takes over
 * three times that in memory; most of it (planned_values, prior_state) the model never reads.
 *
 * The scanner only finds where values begin and end: it tracks strings and nesting depth, byte by
 * byte (every structural character is ASCII, and no byte of a multi-byte UTF-8 character is), and
 * hands each top-level value the model reads, and each element of resource_changes and
 * resource_drift, to JSON.parse. Everything else is skipped unparsed.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** Characters of the data after a document that its error message shows. */
const TRAILER_SHOWN = 20;
/** Bytes of it kept: enough for TRAILER_SHOWN characters and one more, however many bytes each takes. */
const EXTRA_BYTES = 4 * (TRAILER_SHOWN + 1);

/** Top-level values parsed whole: small, or needed whole. */
const WHOLE = new Set([
  'format_version',
  'terraform_version',
  'variables',
  'output_changes',
  'configuration',
  'checks',
  'errored',
]);
/** Top-level lists read element by element. */
const STREAMED = new Set(['resource_changes', 'resource_drift']);

class Capture {
  private readonly pieces: Buffer[] = [];
  /** `at`: where the value starts in the whole input, counted in bytes. */
  constructor(
    private start: number,
    readonly at = 0,
  ) {}

  /** Keeps what the current chunk holds of the value; the next chunk continues from its start. */
  carry(chunk: Buffer): void {
    this.pieces.push(chunk.subarray(this.start));
    this.start = 0;
  }

  end(chunk: Buffer, end: number): Buffer[] {
    this.pieces.push(chunk.subarray(this.start, end));
    return this.pieces;
  }
}

const text = (pieces: readonly Buffer[]) =>
  (pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces)).toString('utf8');

/** A resource change's bytes in the arena; its text is decoded when its diff is read. */
class ArenaSlice implements SourceText {
  constructor(
    private readonly block: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  text(): string {
    return this.block.toString('utf8', this.start, this.end);
  }
}

/**
 * A resource change's bytes in the plan file itself, read again when its diff is read: the model of a
 * file keeps no copy of the document at all. The file must stay as it is while the model is in use.
 */
class FileSlice implements SourceText {
  constructor(
    private readonly path: string,
    private readonly start: number,
    private readonly length: number,
  ) {}

  text(): string {
    const bytes = Buffer.allocUnsafe(this.length);
    const fd = openSync(this.path, 'r');
    try {
      let read = 0;
      while (read < this.length) {
        const n = readSync(fd, bytes, read, this.length - read, this.start + read);
        if (n === 0) throw new Error(`${this.path} became shorter while its plan was being rendered`);
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    return bytes.toString('utf8');
  }
}

/**
 * Where the resource changes' JSON bytes are kept when the document comes from a stream, in big blocks outside the JavaScript heap: as
 * strings on the heap the same bytes cost more, and the garbage collector lets the heap grow well past
 * what it holds.
 */
class ByteArena {
  private block = Buffer.alloc(0);
  private used = 0;

  constructor(private readonly blockSize = 8 << 20) {}

  add(pieces: readonly Buffer[]): ArenaSlice {
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    if (this.used + length > this.block.length) {
      this.block = Buffer.allocUnsafe(Math.max(this.blockSize, length));
      this.used = 0;
    }
    const start = this.used;
    for (const piece of pieces) this.used += piece.copy(this.block, this.used);
    return new ArenaSlice(this.block, start, this.used);
  }
}

type TopState = 'key' | 'colon' | 'value';

export class PlanDocumentScanner {
  private mode: 'start' | 'preamble' | 'document' | 'done' | 'extra' = 'start';
  private depth = 0;
  private inString = false;
  private escapePending = false;
  private topState: TopState = 'key';
  private keyCapture: Capture | undefined;
  private key = '';
  private valueCapture: Capture | undefined;
  private streaming: string | undefined;
  private elementCapture: Capture | undefined;
  private atLineStart = true;
  /** Bytes of the input before the current chunk. */
  private offset = 0;
  /**
   * Where the scan is, for the message about data after the document: the line (from 1), the byte where
   * it starts, and the UTF-8 continuation bytes on it so far (the column counts characters). Strings
   * cannot hold a raw line break, so only the bytes outside them are looked at for one.
   */
  private line = 1;
  private lineStart = 0;
  private continuations = 0;
  /** Data after the document: where it starts, and its first bytes (for the message). */
  private extra: { line: number; column: number; bytes: Buffer[]; length: number } | undefined;
  readonly keys = new Set<string>();

  constructor(
    private readonly onValue: (key: string, text: string) => void,
    private readonly onElement: (key: string, bytes: readonly Buffer[], at: number) => void,
  ) {}

  write(chunk: Buffer): void {
    if (this.mode === 'extra') return this.addExtra(chunk, 0);
    let i = 0;
    const length = chunk.length;
    if (this.mode === 'start' || this.mode === 'preamble') i = this.skipPreamble(chunk);
    if (this.inString && this.escapePending) {
      this.escapePending = false;
      i += 1;
    }
    // The hot loop: depth and string state live in locals, and below depth 2 only nesting is tracked.
    let depth = this.depth;
    let inString = this.inString;
    while (i < length && this.mode === 'document') {
      if (inString) {
        // Strings are short (keys, addresses, values): a plain loop beats a native search per string.
        while (i < length) {
          const b = chunk[i] as number;
          if (b === QUOTE) break;
          if (b >= 0x80) {
            if (b < 0xc0) this.continuations += 1;
            i += 1;
          } else i += b === BACKSLASH ? 2 : 1;
        }
        if (i >= length) {
          // A backslash that ends the chunk escapes the first byte of the next one.
          this.escapePending = i > length;
          break;
        }
        inString = false;
        if (this.keyCapture) {
          this.key = JSON.parse(text(this.keyCapture.end(chunk, i + 1))) as string;
          this.keyCapture = undefined;
          this.keys.add(this.key);
          this.topState = 'colon';
        }
        i++;
        continue;
      }
      const c = chunk[i] as number;
      if (c === QUOTE) {
        inString = true;
        if (depth === 1 && this.topState === 'key') this.keyCapture = new Capture(i);
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth === 0) {
          if (c !== OPEN_BRACE) throw notAnObject();
          this.topState = 'key';
        } else if (depth === 1 && c === OPEN_BRACKET && STREAMED.has(this.key) && !this.valueCapture) {
          this.streaming = this.key;
          this.elementCapture = new Capture(i + 1, this.offset + i + 1);
        }
        depth += 1;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 2 && this.streaming) {
          this.endElement(chunk, i);
          this.streaming = undefined;
        } else if (depth === 1) {
          this.endValue(chunk, i);
        }
        depth -= 1;
        if (depth === 0) this.mode = 'done';
      } else if (c === COMMA) {
        if (depth === 1) {
          this.endValue(chunk, i);
          this.topState = 'key';
        } else if (depth === 2 && this.streaming) {
          this.endElement(chunk, i);
          this.elementCapture = new Capture(i + 1, this.offset + i + 1);
        }
      } else if (c === COLON && depth === 1 && this.topState === 'colon') {
        this.topState = 'value';
        if (WHOLE.has(this.key)) this.valueCapture = new Capture(i + 1);
      } else if (c === NEWLINE) {
        this.newLine(i);
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.keyCapture?.carry(chunk);
    this.valueCapture?.carry(chunk);
    this.elementCapture?.carry(chunk);
    if (this.mode === 'done') this.skipTrailer(chunk, i);
    this.offset += length;
  }

  end(): void {
    if (this.mode === 'extra') throw this.trailingData();
    if (this.mode === 'start' || this.mode === 'preamble') throw notAnObject();
    if (this.mode !== 'done') {
      throw new ConfigurationError('the plan JSON ends before the document does: is the file truncated?');
    }
  }

  private newLine(i: number): void {
    this.line += 1;
    this.lineStart = this.offset + i + 1;
    this.continuations = 0;
  }

  /**
   * Skips what comes before the document: tofu and terraform print CLI-configuration warnings on
   * stdout before it, so a document captured with `> plan.json` can start with them (as in
   * json-document.ts). The document starts at the first `{` that begins a line.
   */
  private skipPreamble(chunk: Buffer): number {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === NEWLINE) {
        this.newLine(i);
      } else if (c >= 0x80 && c < 0xc0) {
        this.continuations += 1;
      }
      if (this.mode === 'start') {
        if (
          c === 0x20 ||
          c === 0x09 ||
          c === 0x0d ||
          c === NEWLINE ||
          c === 0xef ||
          c === 0xbb ||
          c === 0xbf
        ) {
          continue; // whitespace, or a UTF-8 byte order mark
        }
        if (c === 0x50 && chunk[i + 1] === 0x4b) throw planfileGiven(); // "PK": a zip, that is a planfile
        this.mode = c === OPEN_BRACE ? 'document' : 'preamble';
        if (this.mode === 'document') return i;
        this.atLineStart = false;
        continue;
      }
      if (c === OPEN_BRACE && this.atLineStart) {
        this.mode = 'document';
        return i;
      }
      this.atLineStart = c === NEWLINE;
    }
    return chunk.length;
  }

  private endValue(chunk: Buffer, end: number): void {
    if (!this.valueCapture) return;
    const pieces = this.valueCapture.end(chunk, end);
    this.valueCapture = undefined;
    this.onValue(this.key, text(pieces));
  }

  private endElement(chunk: Buffer, end: number): void {
    if (!this.elementCapture || !this.streaming) return;
    const pieces = this.elementCapture.end(chunk, end);
    const at = this.elementCapture.at;
    this.elementCapture = undefined;
    if (pieces.some((piece) => piece.some((byte) => !WHITESPACE.has(byte))))
      this.onElement(this.streaming, pieces, at);
  }

  /**
   * After the document's closing brace only whitespace may follow, as JSON.parse and jq require: more
   * means the file is not what tofu wrote (two documents in one file, a bad copy, an edit).
   */
  private skipTrailer(chunk: Buffer, from: number): void {
    for (let i = from; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === NEWLINE) this.newLine(i);
      else if (!WHITESPACE.has(c)) {
        const column = this.offset + i - this.lineStart - this.continuations + 1;
        this.extra = { line: this.line, column, bytes: [], length: 0 };
        this.mode = 'extra';
        this.addExtra(chunk, i);
        return;
      }
    }
  }

  /** Keeps the first bytes of the extra data, however the input is cut, then refuses the document. */
  private addExtra(chunk: Buffer, from: number): void {
    const extra = this.extra as NonNullable<typeof this.extra>;
    const piece = chunk.subarray(from, from + EXTRA_BYTES - extra.length);
    extra.bytes.push(piece);
    extra.length += piece.length;
    if (extra.length >= EXTRA_BYTES) throw this.trailingData();
  }

  private trailingData(): ConfigurationError {
    const { line, column, bytes } = this.extra as NonNullable<typeof this.extra>;
    const seen = [...Buffer.concat(bytes).toString('utf8')];
    const shown = `${JSON.stringify(seen.slice(0, TRAILER_SHOWN).join(''))}${seen.length > TRAILER_SHOWN ? '…' : ''}`;
    return new ConfigurationError(
      `line ${line}, column ${column}: data after the end of the plan document (${shown}); ` +
        'expected nothing but whitespace after its closing }. A show -json file holds one document: ' +
        'is it two documents in one file, or an edited copy?',
    );
  }
}

function notAnObject(): ConfigurationError {
  return new ConfigurationError(
    'the plan file does not hold a JSON object: give the output of `tofu show -json <planfile>` (or terraform)',
  );
}

function planfileGiven(): ConfigurationError {
  return new ConfigurationError(
    'the plan file is a binary planfile, not JSON: convert it with `tofu show -json <planfile> > plan.json` first',
  );
}

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`the plan file is not valid JSON (in ${what}): ${(error as Error).message}`);
  }
}

export interface ReadOptions extends BuildOptions {
  /** What the document is called in error messages; by default the path, or "the plan stream". */
  name?: string;
}

/**
 * The plan model of the `show -json` document in a file (a path) or a stream. Same result as
 * buildPlanModel(JSON.parse(text)), in a fraction of the memory. Every mistake in the document is a
 * ConfigurationError that starts with the document's name.
 */
export async function readPlanModel(
  source: string | AsyncIterable<Buffer | string>,
  options: ReadOptions = {},
): Promise<PlanModel> {
  try {
    return await readModel(source, options);
  } catch (error) {
    if (!isConfigurationError(error)) throw error;
    const name = options.name ?? (typeof source === 'string' ? source : 'the plan stream');
    throw new ConfigurationError(`${shownName(name)}: ${error.message}`);
  }
}

/** A file's name for a message: at most 60 characters, its end kept (the end names the file). */
export function shownName(name: string): string {
  const line = oneLine(name);
  return line.length > 60 ? `…${line.slice(-59)}` : line;
}

async function readModel(
  source: string | AsyncIterable<Buffer | string>,
  options: BuildOptions,
): Promise<PlanModel> {
  const head: Record<string, unknown> = {};
  let builder: PlanModelBuilder | undefined;
  // Elements that come before format_version (only in hand-made documents) wait until it is known.
  const waiting: Array<[string, SourceText, string]> = [];
  const arena = new ByteArena();
  const add = (key: string, slice: SourceText, json: string) => {
    const raw = parse(json, key);
    if (key === 'resource_changes') builder?.addResourceChange(raw, slice);
    else builder?.addDrift(raw, slice);
  };
  const scanner = new PlanDocumentScanner(
    (key, text) => {
      head[key] = parse(text, key);
      if (key === 'format_version') {
        assertPlanFormat(head);
        builder = new PlanModelBuilder({ formatVersion: head.format_version });
        for (const [k, slice, json] of waiting.splice(0)) add(k, slice, json);
      }
    },
    (key, pieces, at) => {
      const json = text(pieces);
      const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
      const slice = typeof source === 'string' ? new FileSlice(source, at, length) : arena.add(pieces);
      if (builder) add(key, slice, json);
      else waiting.push([key, slice, json]);
    },
  );
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  for await (const chunk of stream) scanner.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  scanner.end();
  assertPlanFormat(head);
  const shape: Record<string, unknown> = { ...head };
  for (const key of scanner.keys) if (!(key in shape)) shape[key] = [];
  assertPlanShape(shape);
  builder ??= new PlanModelBuilder({ formatVersion: head.format_version });
  if (typeof head.terraform_version === 'string') builder.setToolVersion(head.terraform_version);
  builder.setOutputChanges(head.output_changes);
  builder.setChecks(head.checks);
  builder.setErrored(head.errored);
  builder.setVariables(head.variables, head.configuration);
  builder.addDiagnostics(options.diagnostics ?? []);
  return builder.finish();
}
