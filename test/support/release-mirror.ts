import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A release mirror on 127.0.0.1, laid out as the setup action's mirror-url expects:
 *   <root>/<opentofu|terraform|packer>/<version>/<binary>_<version>_<os>_<arch>.zip and <binary>_<version>_SHA256SUMS
 *   <root>/conftest/<version>/conftest_<version>_<OS>_<ARCH>.tar.gz and checksums.txt (conftest's own names)
 *   <root>/pypi/simple/<project>/  (PEP 503)
 * Archives are made at test time from real binaries. Every request is logged, so a test can tell a
 * download from a tool-cache hit.
 */
export interface ReleaseMirror {
  url: string;
  dir: string;
  requests: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
}

/** Everything under `/private/` is the same mirror behind HTTP Basic authentication with these credentials. */
export const PRIVATE_CREDENTIALS = { user: 'ci', password: 's3cret-mirror-token' };

export async function startReleaseMirror(dir: string): Promise<ReleaseMirror> {
  const requests: ReleaseMirror['requests'] = [];
  const expected = `Basic ${Buffer.from(`${PRIVATE_CREDENTIALS.user}:${PRIVATE_CREDENTIALS.password}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://mirror').pathname);
    const finish = (status: number) => requests.push({ method: request.method ?? '', path, status });
    let servedPath = path;
    if (path.startsWith('/private/')) {
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="mirror"' }).end();
        finish(401);
        return;
      }
      servedPath = path.slice('/private'.length);
    }
    let file = normalize(join(dir, servedPath));
    if (!file.startsWith(dir + sep) && file !== dir) {
      response.writeHead(403).end();
      finish(403);
      return;
    }
    void (async () => {
      // A path that cannot be stat'ed is answered 404 below.
      let info = await stat(file).catch(() => undefined);
      // A PEP 503 project page is a directory: serve its index.html.
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        finish(404);
        return;
      }
      const type = file.endsWith('.html') ? 'text/html' : 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'content-length': info.size });
      // Logged as it starts: a client that closes the connection once it has the bytes may stop the
      // file stream before its 'end'.
      finish(200);
      createReadStream(file).pipe(response);
    })().catch((error: unknown) => {
      // A failure of the mirror itself: answer 500 so the installer under test fails, rather than hang.
      if (response.headersSent) {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`);
      finish(500);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * Puts `<binary>_<version>_linux_amd64.zip` (holding `binary` made from `source`) and its SHA256SUMS
 * under `<root>/<product>/<version>/`. The sums also list a darwin archive, as the real ones do.
 * `tamper` publishes a wrong digest for the archive.
 */
export async function publishRelease(options: {
  root: string;
  product: string;
  binary: string;
  version: string;
  source: string;
  tamper?: boolean;
}): Promise<{ archive: string; digest: string }> {
  const { root, product, binary, version } = options;
  const dir = join(root, product, version);
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(join(tmpdir(), 'release-'));
  try {
    await copyFile(options.source, join(staging, binary));
    await chmod(join(staging, binary), 0o755);
    const archiveName = `${binary}_${version}_linux_amd64.zip`;
    const archive = join(dir, archiveName);
    await rm(archive, { force: true });
    // -X: no extra attributes, so the same input makes the same archive; -1: these are big binaries.
    await run('zip', ['-q', '-X', '-1', '-j', archive, join(staging, binary)]);
    const digest = await sha256(archive);
    const listed = options.tamper ? createHash('sha256').update('tampered').digest('hex') : digest;
    const other = createHash('sha256').update(`${binary} darwin`).digest('hex');
    await writeFile(
      join(dir, `${binary}_${version}_SHA256SUMS`),
      `${other}  ${binary}_${version}_darwin_arm64.zip\n${listed}  ${archiveName}\n`,
    );
    return { archive, digest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Puts `conftest_<version>_Linux_x86_64.tar.gz` and `checksums.txt` under `<root>/conftest/<version>/`,
 * as conftest's goreleaser publishes them: the binary at the archive's root beside LICENSE and README.md,
 * and one checksums file for the whole release (other platforms' archives and the SBOMs listed too).
 * `tamper` publishes a wrong digest for the archive.
 */
export async function publishConftestRelease(options: {
  root: string;
  version: string;
  source: string;
  tamper?: boolean;
}): Promise<{ archive: string; digest: string }> {
  const { root, version } = options;
  const dir = join(root, 'conftest', version);
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(join(tmpdir(), 'release-'));
  try {
    await copyFile(options.source, join(staging, 'conftest'));
    await chmod(join(staging, 'conftest'), 0o755);
    await writeFile(join(staging, 'LICENSE'), 'Apache License, Version 2.0 (test bed stand-in)\n');
    await writeFile(join(staging, 'README.md'), '# Conftest (test bed stand-in)\n');
    const archiveName = `conftest_${version}_Linux_x86_64.tar.gz`;
    const archive = join(dir, archiveName);
    await rm(archive, { force: true });
    // Fixed owner and time so the same input makes the same archive; gzip -1 -n: a 75 MB binary, no name
    // or time in the gzip header.
    await run('tar', [
      '-C',
      staging,
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mtime=@0',
      '--use-compress-program=gzip -1 -n',
      '-cf',
      archive,
      'conftest',
      'LICENSE',
      'README.md',
    ]);
    const digest = await sha256(archive);
    const listed = options.tamper ? createHash('sha256').update('tampered').digest('hex') : digest;
    const other = (name: string) => `${createHash('sha256').update(name).digest('hex')}  ${name}`;
    await writeFile(
      join(dir, 'checksums.txt'),
      [
        other(`conftest_${version}_Darwin_arm64.tar.gz`),
        `${listed}  ${archiveName}`,
        other(`${archiveName}.sbom.json`),
        other(`conftest_${version}_Windows_x86_64.zip`),
      ].join('\n') + '\n',
    );
    return { archive, digest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Publishes a stand-in `ansible-core` wheel on the mirror's PEP 503 index: a real wheel (dist-info with
 * METADATA, WHEEL, entry points and a RECORD of hashes), made with Python's zipfile, whose `ansible`
 * command prints `ansible [core <version>]`. It is not Ansible: it proves the index, pip and venv path.
 */
export async function publishAnsibleWheel(root: string, version: string): Promise<string> {
  const project = join(root, 'pypi', 'simple', 'ansible-core');
  await mkdir(project, { recursive: true });
  const wheelName = `ansible_core-${version}-py3-none-any.whl`;
  const script = `
import base64, hashlib, sys, zipfile
path, version = sys.argv[1], sys.argv[2]
info = f"ansible_core-{version}.dist-info"
files = {
  "ansible_standin/__init__.py": f"def main():\\n    print('ansible [core {version}]')\\n",
  f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: ansible-core\\nVersion: {version}\\nSummary: test stand-in\\n",
  f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: iac-pipeline-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
  f"{info}/entry_points.txt": "[console_scripts]\\nansible = ansible_standin:main\\nansible-playbook = ansible_standin:main\\n",
  f"{info}/top_level.txt": "ansible_standin\\n",
}
record = []
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
  for name, text in files.items():
    data = text.encode()
    wheel.writestr(name, data)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    record.append(f"{name},sha256={digest},{len(data)}")
  record.append(f"{info}/RECORD,,")
  wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;
  const wheel = join(project, wheelName);
  await run('python3', ['-c', script, wheel, version]);
  const digest = await sha256(wheel);
  await writeFile(
    join(project, 'index.html'),
    `<!DOCTYPE html>\n<html><body>\n<a href="${wheelName}#sha256=${digest}">${wheelName}</a>\n</body></html>\n`,
  );
  await writeFile(
    join(root, 'pypi', 'simple', 'index.html'),
    '<!DOCTYPE html>\n<html><body>\n<a href="ansible-core/">ansible-core</a>\n</body></html>\n',
  );
  return wheel;
}
