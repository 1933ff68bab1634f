// `npm run dev`: the renderer with hot reload (Vite) in front of the browser-mode server, which
// holds the database in its core host. Edits under renderer/ appear at once; edits under
// electron/ or shared/ need a restart of this command.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'vite';

const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const dataDir = process.env.OIVD_DATA_DIR ?? path.join(os.homedir(), '.open-instrument-desk-dev');
const server = spawn(process.execPath, ['dist/server/browser-server.js', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const launch = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = /OIVD_READY (\{.*\})/.exec(out);
    if (m) resolve(new URL(JSON.parse(m[1]).url));
  });
  server.on('exit', (code) => reject(new Error(`browser-mode server exited (${code}):\n${out}`)));
});
const target = launch.origin;
const forward = {
  target,
  changeOrigin: true,
  // The server accepts calls from its own origin only: present the proxied call as such.
  configure: (proxy) => proxy.on('proxyReq', (req) => { if (req.getHeader('origin')) req.setHeader('origin', target); }),
};
const vite = await createServer({ configFile: 'vite.config.mts', server: { port: 5173, proxy: { '/api': forward, '/launch': forward } } });
await vite.listen();
const local = vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
console.log(`\n开发模式 (dev mode): ${new URL(launch.pathname + launch.search, local)}\n数据目录 (data folder): ${dataDir}\n`);
const stop = () => { server.kill('SIGTERM'); void vite.close().finally(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
