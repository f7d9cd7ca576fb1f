// Issue 17 ("keyboard", "screen reader"): the focus never falls to nowhere. After a button that
// goes away with its own action (Clear search, Remove header N) the focus moves to a neighbour;
// Escape with nothing to close leaves it where it was. Checked in both the probe and the page
// (document.activeElement: the mirror element a screen reader follows; Tab works from there).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import {
  clickItem, focusedLabel, pressKey, tabTo, typeInto, waitForFocus, waitForItem,
} from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// The page's focused element, as the mirror names it: a field's aria-label, a button's text.
async function domFocus(page) {
  await page.waitForTimeout(250);  // the mirror follows within 100 ms of a frame
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    if (el.id === 'canvas') return 'canvas';
    return el.getAttribute('aria-label') || el.textContent;
  });
}

describe('Focus is kept', () => {
  const hub = useDataHub();

  test('Clear search with Enter or Space puts the focus back in the search field', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Focus kept one', base_url: 'https://f1.example.com' });
    const page = await hub.signedIn();
    await waitForItem(page, 'Focus kept one');
    for (const key of ['Enter', 'Space']) {
      await typeInto(page, 'Search', 'focus');
      await tabTo(page, 'Clear search');
      await pressKey(page, key);
      await waitForFocus(page, 'Search');
      assert.equal(await domFocus(page), 'Search', `after ${key}`);
    }
    await page.context().close();
  });

  test('Remove header with Enter focuses the next row, then Add header', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForItem(page, 'Add header');
    await clickItem(page, 'Add header');
    await waitForFocus(page, 'Header 1 name');
    await clickItem(page, 'Add header');
    await waitForFocus(page, 'Header 2 name');
    await tabTo(page, 'Remove header 1', { key: 'Shift+Tab' });
    await pressKey(page, 'Enter');
    await waitForFocus(page, 'Header 1 name');  // the row that moved up
    assert.equal(await domFocus(page), 'Header 1 name');
    await tabTo(page, 'Remove header 1');
    await pressKey(page, 'Enter');
    await waitForFocus(page, 'Add header');
    assert.equal(await domFocus(page), 'Add header');
    await page.context().close();
  });

  test('Escape on a button or a list row leaves the focus there', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Aaa escape row', base_url: 'https://e.example.com' });
    const page = await hub.signedIn();
    await waitForItem(page, 'Aaa escape row');
    await tabTo(page, 'Aaa escape row');
    await pressKey(page, 'Escape');
    assert.equal(await focusedLabel(page), 'Aaa escape row');
    assert.equal(await domFocus(page), 'Aaa escape row');

    await page.evaluate(() => { window.location.hash = '#/connectors/new'; });
    await typeInto(page, 'Connection name', 'Escape kept');
    await tabTo(page, 'Test connection');
    await pressKey(page, 'Escape');
    assert.equal(await focusedLabel(page), 'Test connection');
    assert.equal(await domFocus(page), 'Test connection');
    await pressKey(page, 'Tab');  // and Tab goes on from there
    assert.notEqual(await focusedLabel(page), undefined);
    await page.context().close();
  });
});
