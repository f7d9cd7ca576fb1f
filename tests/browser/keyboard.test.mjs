// Keyboard manners in the real browser (UI.md): Tab and Shift+Tab move between fields, Enter
// submits the create form, Escape closes the delete dialog. What was typed where is read back
// from the API, never from the app.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import { clickItem, typeInto, waitForItem, waitUntilGone } from './lib/browser.mjs';
import { settle } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Keyboard', () => {
  const hub = useDataHub();

  test('Tab and Shift+Tab move between fields, Enter creates', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Typed');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://kb.example.com', { delay: 10 });
    await page.keyboard.press('Shift+Tab');  // back to the name, its text selected as in a browser
    await settle(page);  // a person looks before pressing the next key
    await page.keyboard.press('End');
    await page.keyboard.type(' by keyboard', { delay: 10 });
    await page.keyboard.press('Enter');
    await waitForItem(page, 'Connector created');
    const { items } = await api(hub.server, 'GET', '/api/connectors?q=keyboard');
    assert.equal(items.length, 1);
    assert.equal(items[0].name, 'Typed by keyboard');
    assert.equal(items[0].base_url, 'https://kb.example.com');
    await page.context().close();
  });

  test('Escape closes the delete dialog and deletes nothing', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Kept by Escape', base_url: 'https://k.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await clickItem(page, 'More actions');
    await clickItem(page, 'Delete');
    await waitForItem(page, 'This action is irreversible.');
    await page.keyboard.press('Enter');  // irreversible: Enter is no confirmation
    await page.keyboard.press('Escape');
    await waitUntilGone(page, 'This action is irreversible.');
    const stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.name, 'Kept by Escape');
    await page.context().close();
  });
});
