// Every click lands the first time: on a tab or a column header the pointer reaches and presses
// at once (no resting hover first), after the More actions menu was used, and on something
// outside the open menu (the click closes the menu and lands).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import { clickItem, findItem, uiItems, waitForItem, waitForPrefix } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// The pointer arrives and presses in one go, as a quick hand does.
async function quickClick(page, label) {
  const item = await waitForItem(page, label);
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
}

// Whether `check` holds within a short while after one click (no second click is made).
async function within(page, check, ms = 1500) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await page.waitForTimeout(50);
  }
  return false;
}

const historyShown = (page) => async () =>
  (await uiItems(page)).some((i) => i.label.startsWith('Created · version 1'));
const settingsShown = (page) => async () => Boolean(await findItem(page, 'Connection name'));

describe('Clicks', () => {
  const hub = useDataHub();

  test('tabs take the first click after Activate, without a resting hover', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const c = await createConnector(hub.server, { name: 'Click me', base_url: 'https://c.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${c.id}` });
    await waitForItem(page, 'Settings');
    await clickItem(page, 'More actions');
    await clickItem(page, 'Activate');
    await waitForItem(page, 'Connector activated');
    await quickClick(page, 'History');
    assert.ok(await within(page, historyShown(page)), 'History opened with one click');
    await quickClick(page, 'Settings');
    assert.ok(await within(page, settingsShown(page)), 'Settings opened with one click');
    await page.context().close();
  });

  test('a click outside the open menu closes it and lands', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const c = await createConnector(hub.server, { name: 'Menu then tab', base_url: 'https://m.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${c.id}` });
    await waitForItem(page, 'Settings');
    await clickItem(page, 'More actions');
    await waitForItem(page, 'Delete');
    await clickItem(page, 'History');
    assert.ok(await within(page, historyShown(page)), 'History opened by the click that closed the menu');
    assert.equal(await findItem(page, 'Delete'), undefined, 'the menu closed');
    await page.context().close();
  });

  test('a column header sorts on its first click', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Aaa first', base_url: 'https://a.example.com' });
    await createConnector(hub.server, { name: 'Zzz last', base_url: 'https://z.example.com' });
    const page = await hub.signedIn();
    await waitForItem(page, 'Zzz last');
    await page.mouse.move(2, 2);
    await page.waitForTimeout(200);
    await quickClick(page, 'Name');
    const descending = async () => {
      const [a, z] = [await findItem(page, 'Aaa first'), await findItem(page, 'Zzz last')];
      return a && z && z.y < a.y;
    };
    assert.ok(await within(page, descending), 'sorted descending after one click on Name');
    await waitForPrefix(page, 'Zzz last');
    await page.context().close();
  });
});
