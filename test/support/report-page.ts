import { expect } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/**
 * Opens a report.html in Debian's Chromium (headless, a new empty profile, the background networking a
 * closed network refuses turned off), checks that the page fetched nothing but itself, and hands the page
 * to `body`. The browser and its profile are gone afterwards, whatever `body` does.
 */
export async function withReportPage<T>(htmlPath: string, body: (page: Page) => Promise<T>): Promise<T> {
  const profile = await mkdtemp(join(tmpdir(), 'report-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
  });
  try {
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const url = pathToFileURL(htmlPath).href;
    await page.goto(url);
    expect(requested).toEqual([url]);
    return await body(page);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
