import { hostname } from 'node:os';
import { create } from 'xmlbuilder2';
import { CATEGORIES } from './checks-schema.js';
import type { CheckOutcome } from './runner.js';

/**
 * The JUnit XML file test reporters read, in the Apache Ant JUnit form (the de facto schema, which the
 * tests validate against): one `<testsuite>` per category, one `<testcase>` per check and target.
 * A failed check is a `<failure>`; one that never ran before the deadline is an `<error>` (the Ant
 * schema has no "skipped"). Built with xmlbuilder2, which escapes text and drops characters XML
 * cannot hold (a command's output may have any).
 */

export interface JunitOptions {
  stack: string;
  /** When the run started. */
  startedAt: Date;
  /** The checks file, as the summary names it. */
  checksPath: string;
}

export function junitXml(outcomes: CheckOutcome[], options: JunitOptions): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites');
  const host = hostname() || 'localhost';
  // The Ant schema's timestamp has no time zone: UTC, without the "Z".
  const timestamp = options.startedAt.toISOString().slice(0, 19);
  let id = 0;
  for (const category of CATEGORIES) {
    const cases = outcomes.filter((outcome) => outcome.instance.spec.category === category);
    if (cases.length === 0) continue;
    const suite = root.ele('testsuite', {
      name: `smoke-${options.stack}-${category}`,
      package: `smoke.${options.stack}`,
      id: String(id++),
      timestamp,
      hostname: host,
      tests: String(cases.length),
      failures: String(cases.filter((c) => c.status === 'failed').length),
      errors: String(cases.filter((c) => c.status === 'not-run').length),
      time: time(
        Math.max(...cases.map((c) => c.startedMs + c.durationMs)) -
          Math.min(...cases.map((c) => c.startedMs)),
      ),
    });
    const properties = suite.ele('properties');
    properties.ele('property', { name: 'stack', value: options.stack });
    properties.ele('property', { name: 'category', value: category });
    properties.ele('property', { name: 'checks-file', value: options.checksPath });
    for (const outcome of cases) {
      const spec = outcome.instance.spec;
      const testcase = suite.ele('testcase', {
        name: outcome.instance.id,
        classname: `smoke.${options.stack}.${category}.${spec.kind}`,
        time: time(outcome.durationMs),
      });
      if (outcome.status === 'failed') {
        testcase.ele('failure', { message: outcome.message, type: spec.kind }).txt(details(outcome));
      } else if (outcome.status === 'not-run') {
        testcase.ele('error', { message: outcome.message, type: 'deadline' }).txt(details(outcome));
      }
    }
    suite
      .ele('system-out')
      .txt(cases.map((c) => `${c.instance.id}: ${c.status} (${c.target}) ${c.message}`).join('\n'));
    suite.ele('system-err');
  }
  return `${root.end({ prettyPrint: true })}\n`;
}

function details(outcome: CheckOutcome): string {
  const spec = outcome.instance.spec;
  return [
    `target: ${outcome.target}`,
    `attempts: ${outcome.attempts}`,
    `tags: ${spec.tags.join(', ') || '-'}`,
    `checks file line: ${spec.line}`,
    outcome.message,
  ].join('\n');
}

function time(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
