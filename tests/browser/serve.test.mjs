// The README's first command as a newcomer runs it: ./serve.sh sets up what is missing, builds,
// and serves the API and the web front end on one port with the embedded store; the sign-in
// link it prints opens the Data Hub. After tests/run.sh's set-up and builds there is nothing
// left to install or compile, so this takes seconds; on a cold tree it builds (long timeout).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, openPage, waitForConsole, waitForItem } from './lib/browser.mjs';
import { repoRoot } from './lib/server.mjs';

const kStartTimeoutMs = 30 * 60 * 1000;

// Resolves with the first match of `pattern` in the process's output.
function waitForOutput(child, output, pattern, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.text}`)),
      timeoutMs);
    const check = () => {
      const m = output.text.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`serve.sh exited with ${child.exitCode}:\n${output.text}`));
      }
    };
    output.listeners.push(check);
    child.on('exit', check);
    check();
  });
}

describe('./serve.sh', () => {
  let child;
  let browser;
  let dataDir;
  const output = { text: '', listeners: [] };

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datahub-serve-'));
    // As on a first start: no admin token given, so the server makes one and prints its link.
    // Port 0: the server takes a free port when it binds (after the builds) and prints it.
    const env = { ...process.env, DATAHUB_LISTEN: '127.0.0.1:0', DATAHUB_DATA: dataDir };
    delete env.DATAHUB_ADMIN_TOKEN;
    // Its own process group, so that a failed run stops the builds serve.sh started, too.
    child = spawn('./serve.sh', [], {
      cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output.text += chunk.toString();
        for (const listener of output.listeners) listener();
      });
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('serves the API and the web front end on one port; its sign-in link opens the Data Hub',
    { timeout: kStartTimeoutMs + 60000 }, async () => {
      const [, origin, link] = await waitForOutput(child, output,
        /listening on (\S+)\n[^]*?sign in at (\S+)\n/, kStartTimeoutMs);
      assert.ok(link.startsWith(`${origin}/#token=`), `the link is on the served port: ${link}`);

      const health = await fetch(`${origin}/api/health`);
      assert.equal(health.status, 200);
      assert.equal((await health.json()).status, 'ok');
      const wasm = await fetch(`${origin}/datahub-web.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(wasm.status, 200);
      assert.equal(wasm.headers.get('content-type'), 'application/wasm');
      await wasm.arrayBuffer();

      const page = await openPage(browser);
      await page.goto(link);
      await waitForConsole(page, 'datahub: ready');
      await waitForItem(page, 'Configure a new Connector');
      assert.ok(existsSync(path.join(dataDir, 'data.mdb')), 'the store is in DATAHUB_DATA');

      // Ctrl+C in a terminal, or a service manager's stop: a clean exit.
      const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    });
});
