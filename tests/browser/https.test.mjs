// The Data Hub over the HTTPS listener (--tls-cert, --tls-key) in Chromium: the page loads,
// compiles its WebAssembly under the Content-Security-Policy, signs in and lists a connector
// created through the API over TLS, and the answers carry HSTS.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, waitForConsole, waitForItem } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { screenshot } from './lib/screenshot.mjs';

// A self-signed certificate for 127.0.0.1, made with the openssl command line.
function makeCertificate(dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', path.join(dir, 'server.key'), '-out', path.join(dir, 'server.pem')],
  { stdio: 'ignore' });
}

describe('Data Hub over HTTPS', () => {
  let certs;
  let server;
  let browser;
  let url;
  before(async () => {
    certs = mkdtempSync(path.join(tmpdir(), 'datahub-certs-'));
    makeCertificate(certs);
    // startServer's readiness probe is plain HTTP: it gets the 400 that says to use https.
    server = await startServer({
      extraArgs: ['--tls-cert', path.join(certs, 'server.pem'), '--tls-key', path.join(certs, 'server.key')],
    });
    url = server.url.replace('http://', 'https://');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(certs, { recursive: true, force: true });
  });

  test('the page runs and signs in over TLS, with HSTS and no blocked resource', async (t) => {
    if (server.kind !== 'datahub-server') return t.skip('needs datahub-server');
    assert.match(server.log(), /listening on https:\/\/127\.0\.0\.1:/);
    // The test's certificate is its own: Chromium is told to accept it, as a user would after
    // installing their CA.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.lines = [];
    page.on('console', (msg) => page.lines.push(msg.text()));
    page.on('pageerror', (err) => page.lines.push(`pageerror: ${err.message}`));

    const created = await context.request.post(`${url}/api/connectors`, {
      headers: { Authorization: `Bearer ${server.token}` },
      data: { name: 'Reached over TLS', base_url: 'https://erp.example.com/api' },
    });
    assert.equal(created.status(), 201);

    const response = await page.goto(`${url}/#token=${server.token}`);
    assert.equal(response.headers()['strict-transport-security'], 'max-age=31536000');
    await waitForConsole(page, 'datahub: ready');
    await waitForItem(page, 'Reached over TLS');
    await screenshot(page, 'https-list');
    const blocked = page.lines.filter((l) => /Refused|Content Security Policy|pageerror/i.test(l));
    assert.deepEqual(blocked, []);
    await context.close();
  });
});
