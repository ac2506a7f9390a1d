import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import {
  cellCode,
  cellSpan,
  cellText,
  codeBlock,
  codeSpan,
  headingText,
  htmlText,
  linkUrl,
  oneLine,
} from '../../../src/markdown/escape.js';

/** Markdown as GitHub renders it (CommonMark + GFM; raw HTML kept, GitHub sanitizes it afterwards). */
const render = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The text an HTML fragment without elements stands for: its character references read. */
function decode(fragment: string): string {
  return fragment.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot);/gi, (_, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"' }[ref.toLowerCase()] ?? '';
  });
}

const tags = (html: string) =>
  [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => (m[1] ?? '').toLowerCase());

const PAYLOADS = [
  'a`b``c```d',
  '`leading and trailing`',
  '` `',
  '  ',
  '   ',
  ' x ',
  'pipe | in | it',
  'a\\|b',
  'a\\\\|b',
  '\\',
  '<img src=x onerror=alert(1)>',
  '</details><details open><summary>x</summary>',
  '</code></summary><script>alert(1)</script>',
  'line\nbreak\n\n# Heading\n```\nfence',
  'carriage\rreturn | \r\n',
  '**bold** _em_ [link](https://evil.example) @org/team #1 :smile:',
  '&lt;entity&gt; &amp; &#124; \\| \\`',
  'rtl \u202e override \u2066 isolate',
  '<!-- comment',
  '<?php',
  '<![CDATA[',
];

/** Any text, and text made of the characters Markdown and HTML read as syntax. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...'`|\\<>&"\'*_[]()#!~ \n\r\t-:@'.split('')) }),
  fc.constantFrom(...PAYLOADS),
);
const RUNS = { numRuns: 1_000 };

describe('codeSpan', () => {
  it('renders any text as exactly that text, on one line, in one code element', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const rendered = render(`x ${codeSpan(text)} y`).trim();
        const match = /^<p>x <code>(.*)<\/code> y<\/p>$/s.exec(rendered);
        expect(match).not.toBeNull();
        const inside = match?.[1] ?? '';
        expect(inside).not.toContain('<');
        expect(decode(inside)).toBe(text === '' ? ' ' : oneLine(text));
      }),
      RUNS,
    );
  });
});

describe('cellSpan and cellCode', () => {
  it.each([
    ['cellSpan', cellSpan],
    ['cellCode', cellCode],
  ])('%s renders any text as exactly that text in one code element of one cell', (_, escape) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const rendered = render(`| a | b |\n| --- | --- |\n| ${escape(text)} | z |\n`);
        const cells = [...rendered.matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1] ?? '');
        expect(cells).toHaveLength(2);
        expect(cells[1]).toBe('z');
        const match = /^<code>(.*)<\/code>$/s.exec(cells[0] ?? '');
        expect(match).not.toBeNull();
        const inside = match?.[1] ?? '';
        expect(inside).not.toContain('<');
        const shown = decode(inside);
        expect(shown === oneLine(text) || (text === '' && shown === ' ')).toBe(true);
      }),
      RUNS,
    );
  });

  it('cellSpan is a plain code span where the text has no pipe', () => {
    expect(cellSpan('docker')).toBe('`docker`');
    expect(cellSpan('a|b')).toBe(cellCode('a|b'));
  });
});

describe('cellText', () => {
  it('never breaks a table row and adds no element but the autolinks and strikethrough of GFM', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const rendered = render(`| a | b |\n| --- | --- |\n| ${cellText(text)} | z |\n`);
        const rows = [...rendered.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => m[1] ?? '');
        expect(rows).toHaveLength(2);
        const cells = [...(rows[1] ?? '').matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1] ?? '');
        expect(cells).toHaveLength(2);
        expect(cells[1]).toBe('z');
        // Emphasis, code, links and headings are escaped; what GFM still reads in plain text (its
        // autolinks and strikethrough) adds no element a reader could mistake for the table's own.
        for (const tag of tags(cells[0] ?? '')) expect(['a', 'del']).toContain(tag);
      }),
      RUNS,
    );
  });
});

describe('htmlText', () => {
  it('never opens a tag: inside an HTML element it reads as exactly the text, on one line', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = htmlText(text);
        expect(escaped).not.toMatch(/[<>"']/);
        const rendered = render(`<details><summary>${escaped}</summary>\n\nbody\n\n</details>\n`);
        const match = /^<details><summary>(.*)<\/summary>\n/s.exec(rendered);
        expect(match).not.toBeNull();
        expect(tags(match?.[1] ?? '')).toEqual([]);
        expect(decode(match?.[1] ?? '')).toBe(oneLine(text));
      }),
      RUNS,
    );
  });
});

describe('headingText', () => {
  it('keeps a heading one heading of plain text, with no mention', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        // A heading of blanks only is an empty heading: nothing to check.
        fc.pre(oneLine(text).trim() !== '');
        const rendered = render(`## ${headingText(text)}\n\nafter`);
        const match = /^<h2>(.*)<\/h2>\n<p>after<\/p>$/s.exec(rendered.trim());
        expect(match).not.toBeNull();
        expect(tags(match?.[1] ?? '').filter((tag) => tag !== 'a')).toEqual([]);
        expect(match?.[1]).not.toMatch(/@[A-Za-z0-9]/);
      }),
      RUNS,
    );
  });
});

describe('codeBlock', () => {
  it('keeps any text, line by line, inside one fenced block', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const content = text.replace(/\r\n?/g, '\n');
        const rendered = render(`${codeBlock(content, 'diff')}\n\nafter`);
        const match = /^<pre><code[^>]*>(.*)<\/code><\/pre>\n<p>after<\/p>$/s.exec(rendered.trim());
        expect(match).not.toBeNull();
        // CommonMark shows a NUL as U+FFFD.
        expect(decode(match?.[1] ?? '')).toBe(`${content.replace(/\0/g, '\uFFFD')}\n`);
      }),
      RUNS,
    );
  });
});

describe('linkUrl', () => {
  it('keeps http(s) links and encodes what would end a link', () => {
    expect(linkUrl('https://github.com/o/r/actions/runs/1')).toBe('https://github.com/o/r/actions/runs/1');
    expect(linkUrl('https://x.example/a)b<c>')).toBe('https://x.example/a%29b%3Cc%3E');
    expect(linkUrl('javascript:alert(1)')).toBeUndefined();
    expect(linkUrl('not a url')).toBeUndefined();
    expect(linkUrl(undefined)).toBeUndefined();
  });
});
