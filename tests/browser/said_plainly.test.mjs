// What the administrator must know is said where they look, when it becomes true: a connector
// is created Disabled (said after Create, with an offer to activate it), and a Base URL moved
// to another server leaves the stored secrets behind (said under each secret as the URL
// changes, not only when Save is refused).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import {
  clickItem, typeInto, uiItems, waitForItem, waitForPrefix, waitUntilGone,
} from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Said plainly', () => {
  const hub = useDataHub();

  test('after Create the screen says the connector is Disabled and offers to activate it', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Fresh one');
    await typeInto(page, 'Base URL', 'https://fresh.example.com');
    await clickItem(page, 'Create');
    await waitForItem(page, 'Created as Disabled: no import or export uses it yet.');
    await screenshot(page, 'connector-created-disabled');
    await clickItem(page, 'Activate now');
    await waitForItem(page, 'Connector activated');
    await waitUntilGone(page, 'Created as Disabled: no import or export uses it yet.');
    const { items } = await api(hub.server, 'GET', '/api/connectors?q=fresh%20one');
    assert.equal(items[0].status, 'active');
    await page.context().close();
  });

  test('a Base URL moved to another server asks at once for each stored secret again', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, {
      name: 'Moving ERP', base_url: 'https://erp.example.com/api',
      headers: [{ name: 'X-API-Key', value: 'k3y-stored-value', secret: true }],
    });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await clickItem(page, 'Base URL', { window: 'Manage a connector' });  // not the list's column
    await page.keyboard.press('Control+A');
    await page.keyboard.type('https://erp.elsewhere.example/api', { delay: 10 });
    const message = 'Header 1 value must be entered again: the base URL now points to another server';
    await waitForItem(page, message);  // before any Save
    const items = await uiItems(page);
    const [shown, value] = [message, 'Header 1 value'].map((l) => items.find((i) => i.label === l));
    assert.ok(shown.y > value.y, 'the message sits under the secret to type again');
    await screenshot(page, 'connector-moved-secrets');
    await typeInto(page, 'Header 1 value', 'new-k3y-value');
    await waitUntilGone(page, message);
    // The same URL path on the same server keeps the secret: nothing to say.
    await clickItem(page, 'Base URL', { window: 'Manage a connector' });  // not the list's column
    await page.keyboard.press('Control+A');
    await page.keyboard.type('https://erp.example.com/api/v2', { delay: 10 });
    await clickItem(page, 'Remove header 1');
    await page.waitForTimeout(200);
    assert.ok(!(await uiItems(page)).some((i) => i.label.includes('must be entered again')));
    await page.context().close();
  });
});
