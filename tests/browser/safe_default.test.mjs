// Issue 17 ("keyboard"): a dialog opens with the focus on its safe choice, so Enter pressed on
// arrival (More actions, Enter, Up, Enter, Enter) deletes or discards nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import {
  clickItem, focusedLabel, pressKey, tabTo, waitForFocus, waitForItem, waitUntilGone,
} from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Dialogs focus the safe choice', () => {
  const hub = useDataHub();

  test('Delete opens on Cancel; Enter there deletes nothing', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Kept by Enter', base_url: 'https://k.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'More actions');
    await tabTo(page, 'More actions');
    await pressKey(page, 'Enter');  // the menu
    await pressKey(page, 'ArrowUp');  // wraps to its last entry, Delete
    await pressKey(page, 'Enter');
    await waitForItem(page, 'This action is irreversible.');
    await waitForFocus(page, 'Cancel');
    await pressKey(page, 'Enter');
    await waitUntilGone(page, 'This action is irreversible.');
    const stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.name, 'Kept by Enter');
    await page.context().close();
  });

  test('Unsaved changes opens on Keep editing; Enter there keeps the changes', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Keep edits', base_url: 'https://ke.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await clickItem(page, 'Base URL');
    await page.keyboard.press('End');
    await page.keyboard.type('/mine', { delay: 10 });
    await waitForItem(page, 'Unsaved changes');
    await tabTo(page, '← Data Hub', { key: 'Shift+Tab' });
    await pressKey(page, 'Enter');
    await waitForItem(page, 'Leave and discard them?');
    await waitForFocus(page, 'Keep editing');
    assert.equal(await focusedLabel(page), 'Keep editing');
    await pressKey(page, 'Enter');
    await waitUntilGone(page, 'Leave and discard them?');
    assert.equal(await page.evaluate(() => window.__ui.screen()), `#/connectors/${created.id}`);
    await page.context().close();
  });
});
