// Issue 10 in the browser: a connector's Connection security, Proxy, and Retries and rate limit,
// from the user's side. PEMs made with the openssl command line are pasted from the system
// clipboard; what was stored is read back from the API, and what the screen says is read through
// the probe (and the screen-reader mirror for the write-only key), never from the app.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import {
  clickItem, findItem, moveFocus, pressKey, scrollIntoView, tabTo, typeInto, uiItems,
  waitForFocus, waitForItem, waitForPrefix,
} from './lib/browser.mjs';
import { decodePng } from './lib/png.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// [SECTION] Certificates: a CA, a client certificate that expires in 20 days and its key, and a
// server certificate for 127.0.0.1, all signed by the CA.
const dir = mkdtempSync(path.join(os.tmpdir(), 'datahub-tls-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name) => path.join(dir, name);
const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=Test Root CA',
  '-keyout', file('ca.key'), '-out', file('ca.pem'));
function signed(name, subject, days, extensions) {
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject,
    '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
  const extra = [];
  if (extensions) {
    writeFileSync(file(`${name}.ext`), extensions);
    extra.push('-extfile', file(`${name}.ext`));
  }
  openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-days', String(days), '-out', file(`${name}.pem`), ...extra);
}
signed('client', '/CN=hub-client', 20);
signed('server', '/CN=127.0.0.1', 30, 'subjectAltName=IP:127.0.0.1\n');
openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file('other.key'));
const pem = (name) => readFileSync(file(name), 'utf8');

// [SECTION] Upstreams: plain HTTP answering 503 once then 200 (a retry to count), and HTTPS with
// the CA's server certificate (trusted only through the connector's CA certificate).
function startUpstreams() {
  let calls = 0;
  const plain = http.createServer((req, res) => {
    calls += 1;
    if (req.url.startsWith('/flaky') && calls % 2 === 1) {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('busy');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
  const secure = https.createServer({ key: pem('server.key'), cert: pem('server.pem') }, (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"secure":true}');
  });
  const listen = (srv, scheme) => new Promise((resolve) => {
    srv.listen(0, '127.0.0.1', () => resolve(`${scheme}://127.0.0.1:${srv.address().port}`));
  });
  return Promise.all([listen(plain, 'http'), listen(secure, 'https')]).then(([plainUrl, secureUrl]) => ({
    url: plainUrl,
    secureUrl,
    close() { plain.close(); secure.close(); },
  }));
}

// [SECTION] Helpers

// Pastes `text` into the field labelled `label` through the system clipboard (Ctrl+V), as a
// person pasting a PEM copied from a file would.
async function pasteInto(page, label, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await clickItem(page, label);
  await pressKey(page, 'Control+V');
}

// The message sits under its field: below it, above the next item.
async function assertUnder(page, message, field, next) {
  const m = await waitForItem(page, message);
  const items = await uiItems(page);
  const f = items.find((i) => i.label === field);
  const n = items.find((i) => i.label === next);
  assert.ok(f && n, `${field} and ${next} are drawn`);
  assert.ok(m.y > f.y && m.y < n.y, `"${message}" sits under ${field} (${f.y} < ${m.y} < ${n.y})`);
}

// The colour of a text item's ink in a screenshot: its darkest pixel (the glyphs' cores).
function inkOf(image, item) {
  let best = null;
  for (let y = Math.floor(item.y); y < item.y + item.h; y++) {
    for (let x = Math.floor(item.x); x < item.x + item.w; x++) {
      const at = (y * image.width + x) * image.channels;
      const [r, g, b] = image.pixels.subarray(at, at + 3);
      if (!best || r + g + b < best[0] + best[1] + best[2]) best = [r, g, b];
    }
  }
  return best;
}

// What a screen reader hears in the field named `name` (the hidden DOM mirror).
const mirrorValue = (page, name) =>
  page.locator('#a11y-mirror').getByRole('textbox', { name, exact: true }).inputValue();

async function openWithClipboard(hub, hash) {
  const page = await hub.signedIn({ hash });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.server.url });
  return page;
}

describe('Connection security, proxy, retries and rate limit', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startUpstreams });

  test('pasted CA, client certificate and key are saved; reopened, they are described and the key reads "stored"', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openWithClipboard(hub, '#/connectors/new');
    await typeInto(page, 'Connection name', 'Mutual TLS');
    await typeInto(page, 'Base URL', 'https://bank.example.com/api');
    assert.equal(await findItem(page, 'CA certificate'), undefined, 'closed while nothing is set');
    await clickItem(page, 'Connection security');
    await pasteInto(page, 'CA certificate', pem('ca.pem'));
    await pasteInto(page, 'Client certificate', pem('client.pem'));
    await pasteInto(page, 'Client key', pem('client.key'));
    assert.equal(await mirrorValue(page, 'Client key'), 'entered, hidden');
    await scrollIntoView(page, 'Create');
    await clickItem(page, 'Create');
    await waitForItem(page, 'Connector created');
    const id = (await page.evaluate(() => window.location.hash)).replace('#/connectors/', '');
    const stored = await api(hub.server, 'GET', `/api/connectors/${id}`);
    assert.equal(stored.tls.ca_pem, pem('ca.pem'));
    assert.equal(stored.tls.client_cert_pem, pem('client.pem'));
    assert.equal(stored.tls.client_key_set, true);
    assert.ok(!JSON.stringify(stored).includes('PRIVATE KEY'), 'the key is never read back');
    await page.context().close();

    // Reopened: the section is open because something is set, each certificate described.
    const again = await hub.signedIn({ hash: `#/connectors/${id}` });
    await waitForItem(again, 'Subject: CN=Test Root CA');
    await waitForItem(again, 'Subject: CN=hub-client · issued by CN=Test Root CA');
    // The client certificate expires in 20 days: amber, with the days left said in words.
    const soon = await waitForPrefix(again, 'Expires ');
    assert.ok(soon);
    const labels = (await uiItems(again)).map((i) => i.label);
    assert.ok(labels.some((l) => /^Expires .* UTC \(in (19|20) days\)$/.test(l)), JSON.stringify(labels));
    // A screen reader hears the fields once drawn (ImGui names a widget only when it is on screen).
    await scrollIntoView(again, 'Client key');
    assert.equal(await mirrorValue(again, 'Client key'), 'stored');
    assert.equal(await mirrorValue(again, 'CA certificate'), '1 PEM certificate');
    const image = decodePng(await screenshot(again, 'connection-security-stored'));
    // Amber within 30 days (the client certificate), muted while far off (the CA's 10 years).
    const drawn = await uiItems(again);
    const [r, g, b] = inkOf(image, drawn.find((i) => /\(in (19|20) days\)$/.test(i.label)));
    assert.ok(r > g + 40 && g > b, `amber: rgb(${r}, ${g}, ${b})`);
    const [r2, g2, b2] = inkOf(image, drawn.find((i) => i.label.startsWith('Expires ') && !i.label.includes('(in')));
    assert.ok(b2 > r2 && g2 > r2, `muted slate: rgb(${r2}, ${g2}, ${b2})`);
    await again.context().close();
  });

  test('a PEM the server cannot read, and a key of another certificate, are told under their fields', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openWithClipboard(hub, '#/connectors/new');
    await typeInto(page, 'Connection name', 'Broken PEM');
    await typeInto(page, 'Base URL', 'https://bank.example.com/api');
    await clickItem(page, 'Connection security');
    // The shape is right (the shared rule passes it); only OpenSSL, on the server, can tell.
    await pasteInto(page, 'CA certificate', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
    await pasteInto(page, 'Client certificate', pem('client.pem'));
    await pasteInto(page, 'Client key', pem('other.key'));
    await scrollIntoView(page, 'Create');
    await clickItem(page, 'Create');
    await assertUnder(page, 'CA certificate is not PEM certificates that can be read', 'CA certificate', 'Client certificate');
    await assertUnder(page, 'Client key is not the key of the client certificate', 'Client key', 'Proxy');
    await screenshot(page, 'connection-security-422');
    assert.equal(await findItem(page, 'Connector created'), undefined);
    await page.context().close();
  });

  test('a custom proxy with a bad URL is told under Proxy URL; a good one is saved with its password write-only', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Proxied', base_url: 'https://erp.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await clickItem(page, 'Proxy');
    await clickItem(page, 'Custom proxy');
    await typeInto(page, 'Proxy URL', 'ftp://proxy.corp:3128');
    // Wait for Tab to land: a Shift+Tab read against a focus that has not moved yet stops early.
    assert.equal(await moveFocus(page, 'Tab'), 'Proxy username');
    await assertUnder(page, 'Proxy URL must use http or https', 'Proxy URL', 'Proxy username');
    // Back to the field with the keyboard (Tab went on to the username).
    assert.equal(await moveFocus(page, 'Shift+Tab'), 'Proxy URL');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('http://proxy.corp:3128/path', { delay: 10 });
    assert.equal(await moveFocus(page, 'Tab'), 'Proxy username');
    await assertUnder(page, 'Proxy URL must be only scheme, host and port (no path)', 'Proxy URL', 'Proxy username');
    // Back to the field with the keyboard (Tab went on to the username).
    assert.equal(await moveFocus(page, 'Shift+Tab'), 'Proxy URL');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('http://proxy.corp:3128', { delay: 10 });
    await typeInto(page, 'Proxy username', 'hub');
    await typeInto(page, 'Proxy password', 'pr0xy-secret');
    await screenshot(page, 'connection-security-proxy');
    await clickItem(page, 'Save');
    await waitForItem(page, 'Connector saved');
    const stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.deepEqual(stored.proxy, { mode: 'custom', url: 'http://proxy.corp:3128', username: 'hub', password_set: true });
    assert.equal(await mirrorValue(page, 'Proxy password'), 'stored');
    // Optional, so a stored password can be removed, not only replaced.
    await clickItem(page, 'Remove the stored password');
    await clickItem(page, 'Save');
    // The first save's toast may still show: wait for the second save's version instead.
    let removed = stored;
    for (let i = 0; i < 100 && removed.version === stored.version; i++) {
      await page.waitForTimeout(100);
      removed = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    }
    assert.deepEqual(removed.proxy, { mode: 'custom', url: 'http://proxy.corp:3128', username: 'hub', password_set: false });
    await page.context().close();
  });

  test('retries and rate limit are saved, and shown again on reopening', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Limited', base_url: 'https://erp.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    assert.equal(await findItem(page, 'Max attempts'), undefined, 'closed while nothing is set');
    await clickItem(page, 'Retries and rate limit');
    await clickItem(page, 'Max attempts');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3', { delay: 10 });
    await typeInto(page, 'Requests per second', '2.5');
    await typeInto(page, 'Burst', '5');
    await clickItem(page, 'Save');
    await waitForItem(page, 'Connector saved');
    const stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.deepEqual(stored.retry, { max_attempts: 3 });
    assert.deepEqual(stored.rate_limit, { requests_per_second: 2.5, burst: 5 });
    await page.context().close();

    const again = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(again, 'Max attempts');  // open on arrival: something is set
    await scrollIntoView(again, 'Burst');
    assert.equal(await mirrorValue(again, 'Max attempts'), '3');
    assert.equal(await mirrorValue(again, 'Requests per second'), '2.5');
    assert.equal(await mirrorValue(again, 'Burst'), '5');
    // Out of range: the shared rule says so under the field, and nothing is saved.
    await clickItem(again, 'Max attempts');
    await again.keyboard.press('Control+A');
    await again.keyboard.type('9', { delay: 10 });
    await pressKey(again, 'Tab');
    await assertUnder(again, 'Max attempts must be between 1 and 5', 'Max attempts', 'Requests per second');
    await again.context().close();
  });

  test('Test connection shows HTTP version and attempts, and over TLS the server certificate', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openWithClipboard(hub, '#/connectors/new');
    await typeInto(page, 'Connection name', 'Flaky');
    await typeInto(page, 'Base URL', `${hub.upstream.url}/flaky`);
    await clickItem(page, 'Retries and rate limit');
    await clickItem(page, 'Max attempts');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2', { delay: 10 });
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'HTTP/1.1 · 2 attempts · direct');  // 503, then 200

    // HTTPS to a server whose certificate only the pasted CA vouches for.
    await clickItem(page, 'Base URL');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`${hub.upstream.secureUrl}/data`, { delay: 5 });
    await clickItem(page, 'Connection security');
    await pasteInto(page, 'CA certificate', pem('ca.pem'));
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Connection works', { timeoutMs: 20000 });
    await waitForItem(page, 'HTTP/1.1 · 1 attempt · direct');
    await waitForPrefix(page, 'TLS: TLSv1.');
    await waitForItem(page, 'Server certificate: CN=127.0.0.1 · issued by CN=Test Root CA');
    await screenshot(page, 'connection-security-test-panel');
    await page.context().close();
  });

  test('Tab goes through the new sections in screen order', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForFocus(page, 'Connection name');
    await tabTo(page, 'Connection security', { max: 20 });
    await pressKey(page, 'Enter');  // opens it, as a click would
    await waitForItem(page, 'CA certificate');
    const path = await tabTo(page, 'Retries and rate limit', { max: 10 });
    assert.deepEqual(path, ['CA certificate', 'Client certificate', 'Client key', 'Proxy', 'Retries and rate limit']);
    assert.equal(await moveFocus(page, 'Tab'), 'Test connection', 'then the footer');
    await page.context().close();
  });
});
