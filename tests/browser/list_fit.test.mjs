// The list and a connector's header on a narrow window (1024 x 700): long names and URLs are cut
// with "…" and shown whole on hover or when the row gets the keyboard focus, nothing runs under
// More actions; a search says how many of
// all connectors it shows, and can be cleared with one click.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import {
  clickItem, findItem, focusedLabel, openPage, pressKey, typeInto, uiItems, waitForConsole, waitForItem,
  waitUntilGone,
} from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

const longName = 'Enterprise resource planning production tenant for the European region and its subsidiaries';
const longUrl = 'https://erp.example.com/api/v2/tenants/european-region/subsidiaries/all-of-them/connectors';

async function narrowPage(hub, hash = '') {
  const page = await openPage(hub.browser, { width: 1024, height: 700 });
  await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
  await waitForConsole(page, 'datahub: ready');
  if (hash) await page.evaluate((h) => { window.location.hash = h; }, hash);
  return page;
}

describe('The list on a narrow window', () => {
  const hub = useDataHub({
    seed: async (server) => {
      hub.long = await createConnector(server, { name: longName, base_url: longUrl });
      await createConnector(server, { name: 'PIM staging', base_url: 'https://pim.example.com' });
      await createConnector(server, { name: 'analytics', base_url: 'https://bi.example.org/erp-export' });
    },
  });

  test('a long name is cut in the list and shown whole on hover', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await narrowPage(hub);
    const row = await waitForItem(page, longName);
    await screenshot(page, 'list-narrow-long-name');
    await page.mouse.move(row.x + 40, row.y + row.h / 2);
    await page.waitForFunction((name) => window.__ui.items().filter((i) => i.label === name).length === 2, longName);
    const url = await waitForItem(page, longUrl);
    await page.mouse.move(url.x + 40, url.y + url.h / 2);
    await page.waitForFunction((u) => window.__ui.items().filter((i) => i.label === u).length === 2, longUrl);
    await page.context().close();
  });

  test('tooltips show on keyboard focus too: a cut name and URL, the search box\'s ×', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await narrowPage(hub);
    await waitForItem(page, longName);
    await page.mouse.move(5, 5);  // the pointer is nowhere near the rows
    const rows = [longName, 'PIM staging', 'analytics'];
    for (let i = 0; i < 30 && !rows.includes(await focusedLabel(page)); i++) await pressKey(page, 'Tab');
    for (let i = 0; i < 3 && (await focusedLabel(page)) !== longName; i++) await pressKey(page, 'ArrowDown');
    assert.equal(await focusedLabel(page), longName);
    // The tooltip holds the whole name and the whole URL, beside the row's own (cut) texts.
    const whole = (label) => window.__ui.items().filter((i) => i.label === label).length === 2;
    await page.waitForFunction(whole, longName);
    await page.waitForFunction(whole, longUrl);
    await screenshot(page, 'list-narrow-long-name-focused');

    await typeInto(page, 'Search', 'erp');
    await page.mouse.move(5, 5);
    await pressKey(page, 'Tab');  // from the search box to its "×"
    assert.equal(await focusedLabel(page), 'Clear search');
    await page.waitForFunction(whole, 'Clear search');  // the button and its tooltip
    await page.context().close();
  });

  test('a search counts "N of all", and Clear search brings every connector back', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await narrowPage(hub);
    await waitForItem(page, '3 connectors');
    await typeInto(page, 'Search', 'erp');
    await waitForItem(page, '2 of 3 connectors');
    await clickItem(page, 'Clear search');
    await waitForItem(page, '3 connectors');
    await waitForItem(page, 'PIM staging');
    await page.context().close();
  });

  test('a long name on the connector screen leaves the status and More actions whole', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await narrowPage(hub, `#/connectors/${hub.long.id}`);
    const more = await waitForItem(page, 'More actions');
    const items = await uiItems(page);
    const status = items.find((i) => i.label === 'Disabled' && i.window === 'Manage a connector');
    const name = items.find((i) => i.label === longName);
    assert.ok(status.visible, 'the status is drawn whole');
    assert.ok(name.x + name.w <= status.x, 'the name ends before the status');
    assert.ok(status.x + status.w <= more.x, 'the status ends before More actions');
    await screenshot(page, 'connector-narrow-long-name');
    assert.equal(await findItem(page, 'pageerror'), undefined);
    await page.context().close();
  });

  test('search, filter and sort live in the address: a reload or a bookmark shows the same list', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await narrowPage(hub);
    await waitForItem(page, '3 connectors');
    const entries = await page.evaluate(() => window.history.length);
    await typeInto(page, 'Search', 'erp');
    await waitForItem(page, '2 of 3 connectors');
    await clickItem(page, 'Disabled', { window: 'Data Hub' });
    await clickItem(page, 'Name');  // descending
    await page.waitForFunction(() => /sort=-name/.test(window.location.hash));
    const address = await page.evaluate(() => window.location.hash);
    assert.match(address, /^#\/connectors\?q=erp&status=disabled&sort=-name$/);
    assert.equal(await page.evaluate(() => window.history.length), entries, 'replaced, not added');
    const lists = [];
    page.on('request', (r) => { if (/\/api\/connectors\?limit=200/.test(r.url())) lists.push(r.url()); });
    page.lines.length = 0;  // the console of the page before the reload
    await page.reload();
    await waitForConsole(page, 'datahub: ready');
    await waitForItem(page, '2 of 3 connectors');
    await waitForItem(page, 'Clear search');  // the search box holds the search again
    const [a, e] = [await waitForItem(page, 'analytics'), await waitForItem(page, longName)];
    assert.ok(e.y < a.y, 'still sorted by name, descending');
    assert.equal(await page.evaluate(() => window.location.hash), address);
    await screenshot(page, 'list-address-after-reload');  // the Name header's arrow points down
    assert.equal(lists.length, 1, `one list request: ${lists.join(', ')}`);
    assert.match(lists[0], /q=erp&status=disabled&sort=-name/);

    // A connector and "← Data Hub": the list as it was left.
    await clickItem(page, 'analytics');
    await page.waitForFunction(() => /^#\/connectors\/c/.test(window.location.hash));
    await clickItem(page, '← Data Hub');
    await page.waitForFunction((h) => window.location.hash === h, address);
    await waitForItem(page, '2 of 3 connectors');
    const [a2, e2] = [await waitForItem(page, 'analytics'), await waitForItem(page, longName)];
    assert.ok(e2.y < a2.y, 'still sorted by name, descending');
    assert.deepEqual(page.lines.filter((l) => l.startsWith('pageerror')), []);
    await page.context().close();
  });
});
