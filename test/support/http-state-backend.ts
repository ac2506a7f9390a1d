import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A state store speaking the protocol of Terraform's `http` backend (GET reads the state, 404 when there
 * is none; POST writes it), without locking. `refuseWrites` makes every write fail with 500, as a remote
 * backend that goes away in the middle of an apply would.
 */
export interface HttpStateBackend {
  url: string;
  state: string | undefined;
  refuseWrites: boolean;
  /** `-backend-config` lines that point the backend here and give up on the first failed write. */
  backendConfig(): string;
  close(): Promise<void>;
}

export async function startHttpStateBackend(): Promise<HttpStateBackend> {
  const backend: HttpStateBackend = {
    url: '',
    state: undefined,
    refuseWrites: false,
    backendConfig() {
      return [`address=${this.url}`, 'retry_max=0', 'retry_wait_min=0'].join('\n');
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET') {
        if (backend.state === undefined) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': 'application/json' }).end(backend.state);
      } else if (request.method === 'POST') {
        if (backend.refuseWrites) response.writeHead(500).end('the state store is unavailable');
        else {
          backend.state = Buffer.concat(chunks).toString('utf8');
          response.writeHead(200).end();
        }
      } else if (request.method === 'DELETE') {
        backend.state = undefined;
        response.writeHead(200).end();
      } else response.writeHead(405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  backend.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/state`;
  return backend;
}
