// A stored secret header made plain: its value is write-only, so the form cannot turn it into
// the plain value by itself. It asks for the value again and refuses to save an empty one, as
// the server would; ticking Secret again keeps the stored value. What was stored is read back
// from the API, never from the app.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import { clickItem, findItem, typeInto, waitForItem, waitForPrefix, waitUntilGone } from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Secret header', () => {
  const hub = useDataHub();

  test('unticking Secret on a stored header asks for the value again instead of emptying it', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, {
      name: 'Keyed ERP', base_url: 'https://erp.example.com',
      headers: [{ name: 'X-API-Key', value: 'k3y-stored-value', secret: true }],
    });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await clickItem(page, 'Header 1 secret');  // untick
    await waitForPrefix(page, 'The stored secret value of header 1 cannot be shown.');
    await screenshot(page, 'secret-header-unticked');

    // Save with nothing typed: refused in the form, the message under the value, nothing stored.
    await clickItem(page, 'Save');
    await waitForItem(page, 'Header 1 value is required');
    await page.waitForTimeout(300);
    assert.equal(await findItem(page, 'Connector saved'), undefined);
    let stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.version, 1);
    assert.deepEqual(stored.headers, [{ name: 'X-API-Key', secret: true, value_set: true }]);

    // Ticking Secret again keeps the stored value: nothing is left to save.
    await clickItem(page, 'Header 1 secret');
    await waitUntilGone(page, 'Unsaved changes');
    assert.equal(await findItem(page, 'Header 1 value is required'), undefined);

    // Made plain with the value typed again: saved as a plain header.
    await clickItem(page, 'Header 1 secret');
    await typeInto(page, 'Header 1 value', 'now-plain');
    await clickItem(page, 'Save');
    await waitForItem(page, 'Connector saved');
    stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.deepEqual(stored.headers, [{ name: 'X-API-Key', value: 'now-plain', secret: false }]);
    await page.context().close();
  });
});
