// The Data Hub list against the real server: rows, search, status filter, sorting, addresses
// with back/forward, and the login form. Needs datahub-server (skipped with the static stand-in).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector, createUser } from './lib/api.mjs';
import {
  clickItem, findItem, openPage, typeInto, uiScreen, waitForConsole, waitForItem, waitUntilGone,
} from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Data Hub list', () => {
  const hub = useDataHub({
    seed: async (server) => {
      await createConnector(server, { name: 'ERP production', base_url: 'https://erp.example.com/api/v2', status: 'active' });
      await createConnector(server, { name: 'PIM staging', base_url: 'https://pim.example.com' });
      await createConnector(server, { name: 'analytics', base_url: 'https://bi.example.org/erp-export' });
    },
  });

  test('shows, searches, filters and sorts connectors', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
    await waitForConsole(page, 'datahub: ready');
    await waitForItem(page, '3 connectors');
    const erp = await waitForItem(page, 'ERP production');
    const pim = await waitForItem(page, 'PIM staging');
    const analytics = await waitForItem(page, 'analytics');
    // Ordered by name, case-insensitively (docs/API.md, "List parameters").
    assert.ok(analytics.y < erp.y && erp.y < pim.y);
    assert.ok(await findItem(page, 'Active'));

    // Sorting by name the other way round.
    await clickItem(page, 'Name');
    await page.waitForTimeout(200);
    const [erp2, pim2] = [await findItem(page, 'ERP production'), await findItem(page, 'PIM staging')];
    assert.ok(pim2.y < erp2.y, 'descending after a click on the Name header');

    // Search matches the name or the base URL.
    await typeInto(page, 'Search', 'erp');
    await waitUntilGone(page, 'PIM staging');
    await waitForItem(page, '2 of 3 connectors');  // of all connectors
    assert.ok(await findItem(page, 'analytics'), 'matched by its base URL');

    // Status filter on top of the search.
    await clickItem(page, 'Active', { window: 'Data Hub' });
    await waitUntilGone(page, 'analytics');
    await waitForItem(page, '1 of 3 connectors');
    await page.context().close();
  });

  test('addresses follow the screens, with back and forward', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
    await waitForConsole(page, 'datahub: ready');
    await clickItem(page, 'Configure a new Connector');
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors/new');
    assert.match(await page.title(), /Configure a new Connector/);
    await page.goBack();
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors');
    assert.equal(await page.title(), 'Data Hub');
    await page.goForward();
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors/new');
    // A connector's tab names the connector.
    await page.goBack();
    await clickItem(page, 'ERP production');
    await page.waitForFunction(() => document.title === 'ERP production · Data Hub');
    await page.context().close();
  });

  test('without a session, the sign-in form signs in', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createUser(hub.server, { username: 'lister', role: 'viewer', password: 'lister password 1' });
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/`);
    await waitForConsole(page, 'datahub: ready');
    assert.equal(await uiScreen(page), '#/login');
    await typeInto(page, 'Username', 'lister');
    await typeInto(page, 'Password', 'lister password 1');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'ERP production');
    assert.equal(await uiScreen(page), '#/connectors');
    assert.deepEqual(await page.evaluate(() => [sessionStorage.length, localStorage.length]), [0, 0]);
    await page.context().close();
  });
});
