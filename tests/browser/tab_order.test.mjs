// Issue 17 ("keyboard"): the manage screen's tab order follows the screen. The Settings and
// History tabs sit side by side above the fields, so Tab goes Settings, History, then the fields.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import { moveFocus, tabTo, waitForFocus, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Tab order of the manage screen', () => {
  const hub = useDataHub();

  test('Settings, History, then the fields', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Tab order', base_url: 'https://t.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await waitForFocus(page, 'Connection name');
    assert.equal(await moveFocus(page, 'Shift+Tab'), 'History', 'the tab just before the first field');
    assert.equal(await moveFocus(page, 'Shift+Tab'), 'Settings');
    const path = await tabTo(page, 'Connection name');
    assert.deepEqual(path, ['History', 'Connection name']);
    await page.context().close();
  });
});
