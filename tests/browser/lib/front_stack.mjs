// Two datahub servers on one PostgreSQL behind the operator's nginx configuration
// (deploy/nginx/datahub.conf.in), serving this tree's web build: the C++ helper
// tests/integration/front_stack_main.cpp starts them all (the integration tests' PostgreSQL and
// nginx peers) and stops them when its standard input closes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { repoRoot, siteDir } from './server.mjs';

export const frontStackPath = process.env.DATAHUB_FRONT_STACK
  ?? path.join(repoRoot, 'build/native/tests/integration/datahub-front-stack');

// Resolves to { url, token, servers, log(), stop() } once nginx and both servers listen.
export async function startFrontStack({ timeoutMs = 60000 } = {}) {
  const child = spawn(frontStackPath, [siteDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const output = [];
  child.stderr.on('data', (d) => output.push(d.toString()));
  const started = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no stack within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d.toString();
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(stdout.slice(0, end)));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`datahub-front-stack exited with ${code}: ${output.join('')}`));
    });
  }).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  return {
    ...started,
    log: () => output.join(''),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

// Whether a session opened through nginx on one server is known to the other: sign in with the
// admin token, then read the session twice (nginx's round robin asks each server once).
export async function sessionsShared(stack) {
  const opened = await fetch(`${stack.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: stack.token }),
  });
  if (opened.status !== 200) throw new Error(`sign-in through nginx: HTTP ${opened.status}`);
  const cookie = opened.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const statuses = [];
  for (let i = 0; i < 2; ++i) {
    const r = await fetch(`${stack.url}/api/session`, { headers: { Cookie: cookie } });
    await r.arrayBuffer();
    statuses.push(r.status);
  }
  return statuses.every((s) => s === 200);
}
