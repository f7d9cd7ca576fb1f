// Unsaved changes and concurrent edits in the real browser: the browser's own question before a
// reload or close while the form holds changes (and none without), and a 412 conflict when the
// connector was changed through the API while the form was open, with Reload.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import { clickItem, typeInto, waitForItem, waitUntilGone } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Unsaved changes', () => {
  const hub = useDataHub();

  test('closing the tab with unsaved changes asks first', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Half typed');
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });  // does not wait for the page to close
    const question = await dialog;
    assert.equal(question.type(), 'beforeunload');
    await question.dismiss();  // stay
    assert.equal(page.isClosed(), false);
    await waitForItem(page, 'Connection name');
    await page.context().close();
  });

  test('closing the tab without changes does not ask', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await clickItem(page, 'Connection name');  // a user gesture, but nothing changed
    let asked = false;
    page.on('dialog', (d) => { asked = true; d.accept(); });
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    assert.equal(asked, false);
    await page.context().close();
  });

  test('a change saved elsewhere first: Save says so, Reload shows the stored settings', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Shared one', base_url: 'https://s.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await clickItem(page, 'Base URL');
    await page.keyboard.press('End');
    await page.keyboard.type('/mine', { delay: 10 });
    await waitForItem(page, 'Unsaved changes');
    // Someone else saves first, through the API.
    const theirs = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    const r = await fetch(`${hub.server.url}/api/connectors/${created.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${hub.server.token}`, 'Content-Type': 'application/json', 'If-Match': '"1"' },
      body: JSON.stringify({ type: 'api', name: 'Shared one (theirs)', base_url: theirs.base_url,
        auth: { method: 'none' }, headers: [], timeout_ms: theirs.timeout_ms }),
    });
    assert.equal(r.status, 200, await r.text());
    await clickItem(page, 'Save');
    await waitForItem(page, 'Someone else saved this connector first (HTTP 412)');
    let stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.base_url, 'https://s.example.com', 'our change was not written');
    await clickItem(page, 'Reload');
    await waitUntilGone(page, 'Someone else saved this connector first (HTTP 412)');
    await waitForItem(page, 'Shared one (theirs)');
    await waitUntilGone(page, 'Unsaved changes');
    assert.equal(await page.title(), 'Shared one (theirs) · Data Hub');
    stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.version, 2);
    await page.context().close();
  });
});
