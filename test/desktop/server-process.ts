// The browser-mode server from the TypeScript sources in its own process, as a user runs it, so a
// test measures that process's responsiveness (not its own thread's) and can hold many sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

export interface ServerProcess {
  url: string;
  token: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  call(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; reason?: string } }>;
  stop(): Promise<void>;
}

export function rendererStub(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-ui-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>desk</title><p>desk</p>');
  return dir;
}

/** Starts the server; resolves when it is ready or rejects with what it printed when it exits. */
export function startServerProcess(dataDir: string, rendererDir: string, extra: string[] = []): Promise<ServerProcess> {
  const args = ['--import', 'tsx', path.join(root, 'electron', 'browser-server.ts'), '--port', '0', '--data-dir', dataDir,
    '--renderer-dir', rendererDir, '--print-token', '--today', '2025-06-16', ...extra];
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`server did not start: ${out}`)); }, 60_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /OIVD_READY (\{.*\})/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const { url, token } = JSON.parse(m[1]) as { url: string; token: string };
      const port = Number(new URL(url).port);
      resolve({
        url, token, port, proc, output: () => out,
        async call(channel, input) {
          const res = await fetch(`http://127.0.0.1:${port}/api/${encodeURIComponent(channel)}`, {
            method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': token }, body: JSON.stringify(input),
          });
          return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
        },
        stop: () => new Promise<void>((done) => {
          if (proc.exitCode !== null) { done(); return; }
          proc.once('exit', () => done());
          proc.kill('SIGTERM');
        }),
      });
    });
    proc.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(Object.assign(new Error(`server exited ${code}: ${out}`), { code, output: out })); });
  });
}
