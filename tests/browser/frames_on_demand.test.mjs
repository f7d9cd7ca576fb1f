// What moves without input, in the real browser: the spinner turns while a connection test
// waits for a slow upstream, a toast leaves by itself, a typed search goes out once typing
// pauses (one request, not one per key), and afterwards no frame is drawn while idle.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import {
  clickItem, typeInto, uiFrame, waitForItem, waitForPrefix, waitUntilGone,
} from './lib/browser.mjs';
import { settle } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// An upstream that answers after a second: long enough for the spinner to be seen turning.
function startSlowUpstream() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('slow but fine');
      }, 1000);
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

async function expectIdle(page) {
  await settle(page);
  const before = await uiFrame(page);
  await page.waitForTimeout(1000);
  assert.equal(await uiFrame(page), before, 'no frames drawn while idle');
}

describe('Frames on demand', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startSlowUpstream });

  test('the spinner turns while the test runs, the toast leaves, then frames stop', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Slow upstream');
    await typeInto(page, 'Base URL', `http://127.0.0.1:${hub.upstream.address().port}`);
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Testing the connection…');
    await page.mouse.move(1, 1);  // no more input while the test runs
    const during = await uiFrame(page);
    await waitForItem(page, 'Connection works');
    // Input and the answer bring a handful of frames; the turning spinner many more.
    assert.ok((await uiFrame(page)) - during > 10, 'frames kept coming while the test ran');

    await clickItem(page, 'Create');
    await waitForItem(page, 'Connector created');
    await page.mouse.move(1, 1);
    await waitUntilGone(page, 'Connector created');  // no input needed
    await expectIdle(page);
    await page.context().close();
  });

  test('a typed search is one request, sent once typing pauses', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Findme here', base_url: 'https://f.example.com' });
    const page = await hub.signedIn();
    const searches = [];
    page.on('request', (r) => { if (r.url().includes('/api/connectors?') && r.url().includes('q=')) searches.push(r.url()); });
    await typeInto(page, 'Search', 'findme');
    await waitForPrefix(page, '1 of ');  // "1 of 2 connectors": one found of all
    await expectIdle(page);
    assert.equal(searches.length, 1, `one request: ${searches.join(', ')}`);
    assert.match(searches[0], /q=findme/);
    await page.context().close();
  });
});
