// Starts the Data Hub server for a browser test: datahub-server on a free port with a fresh data
// directory and a random admin token, serving the web build. DATAHUB_SERVER overrides the binary.
// While the server binary is missing, a plain static server stands in (the API then answers
// 404/501, which the UI must show as a clear message).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const siteDir = process.env.DATAHUB_WEB_DIR ?? path.join(repoRoot, 'build/web/site');
const defaultServer = path.join(repoRoot, 'build/native/backend/datahub-server');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      return;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms: ${lastError}`);
}

// Returns { url, token, kind: 'datahub-server' | 'static', log(), stop() }.
export async function startServer({ extraArgs = [], env = {} } = {}) {
  if (!existsSync(path.join(siteDir, 'index.html'))) {
    throw new Error(`no web build in ${siteDir}: run emcmake cmake --preset web && cmake --build build/web`);
  }
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'datahub-browser-'));
  const serverBin = process.env.DATAHUB_SERVER ?? defaultServer;
  let child;
  let kind;
  if (existsSync(serverBin)) {
    kind = 'datahub-server';
    child = spawn(serverBin,
      ['--listen', `127.0.0.1:${port}`, '--data', dataDir, '--web', siteDir, ...extraArgs],
      { env: { ...process.env, DATAHUB_ADMIN_TOKEN: token, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  } else {
    kind = 'static';
    child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', siteDir],
      { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const output = [];
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/index.html`, child, 15000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${output.join('')}`);
  }
  return {
    url,
    token,
    kind,
    log: () => output.join(''),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
