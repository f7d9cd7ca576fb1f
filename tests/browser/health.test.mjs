// Connector health on the screens: the Data Hub's Health column says which connector fails and
// since when, "Failing only" narrows the list to them (and the address keeps it), the connector
// screen names the last failure, and a test that works again turns it OK.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import { clickItem, findItem, uiScreen, waitForItem, waitForPrefix, waitUntilGone } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';
import { screenshot } from './lib/screenshot.mjs';

// An upstream whose /ping answers with the status the test sets.
function startSwitchableUpstream() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      res.writeHead(srv.status, { 'Content-Type': 'text/plain' });
      res.end('pong');
    });
    srv.status = 503;
    srv.listen(0, '127.0.0.1', () => {
      srv.url = `http://127.0.0.1:${srv.address().port}`;
      resolve(srv);
    });
  });
}

describe('Connector health', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startSwitchableUpstream });

  test('the list shows who fails, filters to them, and the connector names its last failure', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    hub.upstream.status = 503;
    const failing = await createConnector(hub.server, { name: 'Health failing', base_url: `${hub.upstream.url}/v1` });
    await createConnector(hub.server, { name: 'Health untested', base_url: `${hub.upstream.url}/v2` });
    const tested = await api(hub.server, 'POST', `/api/connectors/${failing.id}/test`, { method: 'GET', path: '/ping' });
    assert.equal(tested.ok, false);

    const page = await hub.signedIn();
    await waitForItem(page, 'Health failing');
    await waitForItem(page, 'Failing, failing since just now');
    await waitForItem(page, 'Unknown, never tested');
    await screenshot(page, 'health-column');

    await clickItem(page, 'Failing only');
    await waitUntilGone(page, 'Health untested');
    await waitForItem(page, 'Health failing');
    assert.match(await uiScreen(page), /health=failing/);

    await clickItem(page, 'Health failing');
    await waitForPrefix(page, 'Health: Failing · failing since just now · Last failure: http-503, ');
    await screenshot(page, 'health-connector');

    hub.upstream.status = 200;
    await clickItem(page, 'Test connection');
    await waitForPrefix(page, 'Health: OK · tested just now · Last failure: http-503');
    const stored = await api(hub.server, 'GET', `/api/connectors/${failing.id}`);
    assert.equal(stored.health.state, 'ok');
    assert.equal(stored.health.last_test_ok, true);
    assert.equal(await findItem(page, 'Failing only'), undefined, 'on the connector screen');
    await page.context().close();
  });
});
