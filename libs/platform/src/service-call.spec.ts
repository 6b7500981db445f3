import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { callService, ServiceCallFailed } from './service-call';

// A real HTTP server on a random port: the client is node:http, nothing is mocked.
describe('callService: one JSON call to another service', () => {
  let server: Server;
  let base: string;
  const seen: { req: IncomingMessage; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ req, body });
        if (req.url === '/silent') return; // never answers
        if (req.url === '/text') return void res.writeHead(502).end('bad gateway');
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('POSTs the body as JSON with the bearer token and returns the status and JSON answer', async () => {
    const answer = await callService({
      method: 'POST',
      baseUrl: base,
      path: '/quotes',
      token: 't0k',
      body: { sku: 'A-1' },
      timeoutMs: 2000,
    });
    expect(answer).toEqual({ status: 201, body: { echoed: '{"sku":"A-1"}' } });
    const { req } = seen[seen.length - 1];
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toBe('Bearer t0k');
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('answers a body that is not JSON with {} and its status', async () => {
    await expect(
      callService({ method: 'GET', baseUrl: base, path: '/text', token: 't', timeoutMs: 2000 }),
    ).resolves.toEqual({
      status: 502,
      body: {},
    });
  });

  it('gives up after the timeout with reason timeout', async () => {
    const failure = await callService({
      method: 'GET',
      baseUrl: base,
      path: '/silent',
      token: 't',
      timeoutMs: 100,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceCallFailed);
    expect((failure as ServiceCallFailed).reason).toBe('timeout');
  });

  it('a closed port is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      callService({ method: 'GET', baseUrl: `http://127.0.0.1:${port}/`, path: '/x', token: 't', timeoutMs: 2000 }),
    ).rejects.toMatchObject({ reason: 'unreachable' });
  });
});
