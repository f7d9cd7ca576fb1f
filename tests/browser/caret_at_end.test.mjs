// Issue 17 ("keyboard"): opening an existing connector puts the focus in its first field with
// the caret at the end of the name, not the whole name selected: the first letter typed adds to
// the name instead of replacing it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import { pressKey, waitForFocus, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Caret at the end', () => {
  const hub = useDataHub();

  test('typing on arrival adds to the connection name', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Opened name', base_url: 'https://o.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await waitForFocus(page, 'Connection name');
    await page.keyboard.type(' 2', { delay: 10 });
    await pressKey(page, 'Enter');  // saves
    await waitForItem(page, 'Connector saved');
    const stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.name, 'Opened name 2');
    await page.context().close();
  });
});
