// The Test connection panel against upstreams that fail in different ways: an OAuth error is
// said once with what to check, a timeout says which one it ran into, a redirect is shown, the
// headers sent are listed with secrets hidden, and a JSON body is indented and can be copied
// ("Copied" shown and said). A screen reader hears why a test failed, not just that it did.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';

import { recordAnnouncements, waitForAnnouncement } from './lib/a11y.mjs';
import {
  clickItem, findItem, scrollIntoView, typeInto, uiItems, waitForFocus, waitForItem, waitUntilGone,
} from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

function startTroubledUpstream() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      if (req.url.startsWith('/token')) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }));
      } else if (req.url.startsWith('/slow')) {
        setTimeout(() => { res.writeHead(200); res.end('late'); }, 3000);
      } else if (req.url.startsWith('/moved')) {
        res.writeHead(302, { Location: '/data' });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ items: [{ id: 1, name: 'Widget' }], total: 1 }));
      }
    });
    srv.listen(0, '127.0.0.1', () => {
      srv.url = `http://127.0.0.1:${srv.address().port}`;
      resolve(srv);
    });
  });
}

const labels = async (page) => (await uiItems(page)).map((i) => i.label);

describe('Test connection panel', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startTroubledUpstream });

  test('an OAuth error is said once, with what to check', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Bad client');
    await typeInto(page, 'Base URL', `${hub.upstream.url}/data`);
    await clickItem(page, 'OAuth 2.0');
    await typeInto(page, 'Access token URL', `${hub.upstream.url}/token`);
    await typeInto(page, 'Client ID', 'hub');
    await typeInto(page, 'Client secret', 'wrong-s3cret');
    await recordAnnouncements(page);
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'OAuth error: invalid_client — Client authentication failed');
    await waitForItem(page, 'Check the client ID, the client secret and the client authentication (Basic header or Body).');
    const mentions = (await labels(page)).filter((l) => l.includes('invalid_client') || l.includes('Client authentication failed'));
    assert.equal(mentions.length, 1, `said once: ${JSON.stringify(mentions)}`);
    // A screen reader hears the reason and what to check, not only "Connection failed".
    await waitForAnnouncement(page, new RegExp(
      '^Connection failed\\. Token request: HTTP 401 · \\d+ ms\\. OAuth error: invalid_client — ' +
      'Client authentication failed\\. Check the client ID, the client secret and the client ' +
      'authentication \\(Basic header or Body\\)\\.$'), { region: 'status' });
    await screenshot(page, 'test-panel-oauth-error');
    // The token exchange, folded until asked: the grant, what was sent and what came back, with
    // the secret as *** and nowhere in the panel.
    await clickItem(page, 'Token exchange (secrets hidden)');
    await waitForItem(page, 'Grant: client_credentials');
    await waitForItem(page, `Sent: POST ${hub.upstream.url}/token`);
    await waitForItem(page, 'Answer: HTTP 401');
    const shown = await labels(page);
    assert.ok(shown.some((l) => l.startsWith('grant_type=client_credentials')), JSON.stringify(shown));
    assert.ok(!shown.some((l) => l.includes('wrong-s3cret')), 'the secret is never shown');
    await page.context().close();
  });

  test('a timeout says which timeout it ran into', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Slow one');
    await typeInto(page, 'Base URL', `${hub.upstream.url}/slow`);
    await clickItem(page, 'Timeout (ms)');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1000', { delay: 10 });
    await clickItem(page, 'Test connection');
    await waitForItem(page, '× No answer within the 1000 ms timeout');
    assert.ok(!(await labels(page)).some((l) => /No answer · 0 ms/.test(l)));
    await page.context().close();
  });

  test('a redirect, the headers sent (secrets hidden) and an indented, copyable JSON body', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.server.url });
    await typeInto(page, 'Connection name', 'Moved one');
    await typeInto(page, 'Base URL', `${hub.upstream.url}/moved`);
    await scrollIntoView(page, 'Add header');
    await clickItem(page, 'Add header');
    await waitForFocus(page, 'Header 1 name');
    await page.keyboard.type('X-API-Key', { delay: 10 });
    await clickItem(page, 'Header 1 secret');
    await typeInto(page, 'Header 1 value', 'k3y-never-shown');
    await clickItem(page, 'Test connection');
    await waitForItem(page, `Followed 1 redirect to ${hub.upstream.url}/data`);
    await waitForItem(page, 'Request headers (secrets hidden)');
    const shown = await labels(page);
    assert.ok(shown.includes('x-api-key') && shown.includes('***'),
      `the secret header is listed, hidden: ${JSON.stringify(shown)}`);
    assert.ok(!shown.some((l) => l.includes('k3y-never-shown')), 'the secret value is not shown');
    await waitForItem(page, '      "name": "Widget"');  // indented JSON, a line of its own
    await screenshot(page, 'test-panel-redirect-body');
    await recordAnnouncements(page);
    await clickItem(page, 'Copy body');
    await waitForItem(page, 'Copied');  // seen beside the button, and heard
    await waitForAnnouncement(page, /^Body copied to the clipboard$/, { region: 'status' });
    // The browser's clipboard write may land after the frame that says so: read it once it has.
    const copied = await (await page.waitForFunction(async () => {
      const text = await navigator.clipboard.readText();
      return text.length > 0 ? text : null;
    })).jsonValue();
    assert.deepEqual(JSON.parse(copied), { items: [{ id: 1, name: 'Widget' }], total: 1 });
    assert.match(copied, /\n {2}"items": \[/);
    // A new test's body is not "Copied" yet.
    await clickItem(page, 'Test connection');
    await waitUntilGone(page, 'Copied');
    await waitForItem(page, '      "name": "Widget"');
    await page.waitForTimeout(300);
    assert.equal(await findItem(page, 'Copied'), undefined);
    await page.context().close();
  });
});
