import * as tc from '@actions/tool-cache';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { arch } from 'node:os';
import { join } from 'node:path';
import type { ToolDirectories } from './ansible.js';
import { DownloadError, type ToolCache } from './install.js';

/** The ToolCache over @actions/tool-cache (RUNNER_TOOL_CACHE and RUNNER_TEMP, as the runner sets them). */
export const actionsToolCache: ToolCache = {
  find: (tool, version) => tc.find(tool, version) || undefined,
  async download(url) {
    try {
      // A mirror's credentials in its URL (https://user:token@host/) become Basic authentication:
      // the HTTP client does not send a URL's user info by itself.
      const parsed = new URL(url);
      if (parsed.username || parsed.password) {
        const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
        parsed.username = '';
        parsed.password = '';
        return await tc.downloadTool(
          parsed.href,
          undefined,
          `Basic ${Buffer.from(credentials).toString('base64')}`,
        );
      }
      return await tc.downloadTool(url);
    } catch (error) {
      if (error instanceof tc.HTTPError) throw new DownloadError(url, error.httpStatusCode);
      throw error;
    }
  },
  extractZip: (file) => tc.extractZip(file),
  // tc.extractTar's default flags are `xz`: extract, through gunzip.
  extractTarGz: (file) => tc.extractTar(file),
  cacheDir: (dir, tool, version) => tc.cacheDir(dir, tool, version),
};

/**
 * Directories made in place in the tool cache, at the path and with the `.complete` marker that
 * @actions/tool-cache uses, so that tc.find finds them like anything it cached itself.
 */
export function actionsToolDirectories(): ToolDirectories {
  const path = (tool: string, version: string) => {
    const root = process.env.RUNNER_TOOL_CACHE;
    if (!root) throw new Error('RUNNER_TOOL_CACHE is not set: is this running on an Actions runner?');
    return join(root, tool, version, arch());
  };
  return {
    find: (tool, version) => tc.find(tool, version) || undefined,
    async prepare(tool, version) {
      const dir = path(tool, version);
      await rm(`${dir}.complete`, { force: true });
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      return dir;
    },
    async complete(tool, version) {
      const dir = path(tool, version);
      if (!existsSync(dir)) throw new Error(`${dir} does not exist`);
      await writeFile(`${dir}.complete`, '');
    },
  };
}
