import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { eventually } from '@emporium/testing';

const repoRoot = path.resolve(__dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A service running as a real process, as in production (telemetry bootstrap included), so a test can
 * SIGKILL it mid-flight and start it again.
 */
export class SpawnedService {
  private child?: ChildProcess;
  readonly output: string[] = [];

  constructor(
    private readonly service: string,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${this.service}/src/main.ts`], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env, ...extraEnv, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk) => this.output.push(String(chunk)));
    this.child.stderr!.on('data', (chunk) => this.output.push(String(chunk)));
    const child = this.child;
    await eventually(
      async () => {
        if (exited(child))
          throw new Error(`exited with ${child.exitCode ?? child.signalCode}: ${this.output.join('').slice(-2000)}`);
        const response = await fetch(`${this.url}/health/ready`).catch(() => undefined);
        return response?.ok;
      },
      60_000,
      `${this.service} to become ready`,
    );
  }

  /** SIGKILL: no shutdown hooks, no draining, exactly like a crashed pod. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    const done = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await done;
  }

  /** SIGTERM, as Kubernetes sends it: resolves with how the process ended and how long it took. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number } | undefined> {
    const child = this.child;
    if (!child || exited(child)) return undefined;
    const started = Date.now();
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGTERM');
    return { ...(await ended), ms: Date.now() - started };
  }
}

/** A process killed by a signal has a signalCode and no exitCode. */
function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
