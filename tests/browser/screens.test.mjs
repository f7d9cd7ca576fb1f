// Every screen at devicePixelRatio 1 and 2 in an ordinary 1280x800 window, reached as a person
// would (clicks, typing, the mouse wheel to scroll), saved to build/screenshots/<screen>-dprN.png
// for people to look at. Each screen's key items must be drawn and wholly visible.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import {
  clickItem, findItem, openPage, scrollIntoView, typeInto, waitForConsole, waitForItem,
  waitForPrefix,
} from './lib/browser.mjs';
import { decodePng, distinctColours } from './lib/png.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';
import { startUpstream } from './lib/upstream.mjs';

const dprs = [1, 2];

// Waits until each item is drawn and wholly visible (a window that just appeared takes a frame
// or two to size itself).
async function expectVisible(page, labels, timeoutMs = 10000) {
  for (const label of labels) {
    const deadline = Date.now() + timeoutMs;
    let item = await waitForItem(page, label);
    while (!item?.visible && Date.now() < deadline) {
      await page.waitForTimeout(50);
      item = await findItem(page, label);
    }
    assert.ok(item?.visible, `"${label}" is wholly visible: ${JSON.stringify(item)}`);
  }
}

async function shoot(page, name) {
  const image = decodePng(await screenshot(page, name));
  assert.ok(distinctColours(image) > 20, `${name}: the canvas shows text and widgets`);
}

describe('Screens at devicePixelRatio 1 and 2', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startUpstream });

  // First, while the store is still empty.
  test('login and the empty Data Hub', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    for (const dpr of dprs) {
      const login = await openPage(hub.browser, { deviceScaleFactor: dpr });
      await login.goto(`${hub.server.url}/`);
      await waitForConsole(login, 'datahub: ready');
      await expectVisible(login, ['Username', 'Password', 'Sign in']);
      await shoot(login, 'login');
      await login.context().close();

      const page = await hub.signedIn({ dpr });
      await expectVisible(page, ['Configure a new Connector', '0 connectors',
        'No connectors yet. Use “Configure a new Connector” to add the first one.']);
      await shoot(page, 'datahub-empty');
      await page.context().close();
    }
  });

  test('the Data Hub with rows', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const systems = ['ERP production', 'PIM staging', 'Middleware EU', 'Warehouse (Lyon)',
      'CRM Berlin', 'Analytics export', 'Marketplace feed', 'Billing'];
    for (const [i, name] of systems.entries()) {
      await createConnector(hub.server, { name, base_url: `https://${name.split(' ')[0].toLowerCase()}.example.com/api/v${i % 3 + 1}`,
        status: i % 3 === 0 ? 'disabled' : 'active' });
    }
    for (const dpr of dprs) {
      const page = await hub.signedIn({ dpr });
      await expectVisible(page, ['8 connectors', 'ERP production', 'Warehouse (Lyon)', 'Updated']);
      await shoot(page, 'datahub-rows');
      await page.context().close();
    }
  });

  test('configure a new connector: type choice, No Auth, OAuth 2.0 with Advanced', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    for (const dpr of dprs) {
      const page = await hub.signedIn({ dpr });
      await clickItem(page, 'Configure a new Connector');
      await expectVisible(page, ['API Connector', 'FTP (not available)', 'Connection name',
        'Test connection', 'Create']);
      await shoot(page, 'connector-type');

      await typeInto(page, 'Connection name', 'Shop backend');
      await typeInto(page, 'Base URL', 'https://shop.example.com/api');
      await scrollIntoView(page, 'Add header');
      await clickItem(page, 'Add header');
      await typeInto(page, 'Header 1 name', 'X-Tenant');
      await typeInto(page, 'Header 1 value', 'acme');
      await expectVisible(page, ['Header 1 name', 'Header 1 secret', 'Remove header 1']);
      await shoot(page, 'connector-new-noauth');

      await scrollIntoView(page, 'OAuth 2.0');
      await clickItem(page, 'OAuth 2.0');
      await typeInto(page, 'Access token URL', 'https://idp.example.com/oauth/token');
      await typeInto(page, 'Client ID', 'hub');
      await scrollIntoView(page, 'Advanced');
      await clickItem(page, 'Advanced');
      await scrollIntoView(page, 'JSON');
      await expectVisible(page, ['Scope', 'Audience', 'Basic header', 'JSON']);
      await shoot(page, 'connector-new-oauth-advanced');
      await page.context().close();
    }
  });

  test('manage a connector: test result, delete confirmation, history', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    for (const dpr of dprs) {
      const created = await createConnector(hub.server, {
        name: `Upstream at ${dpr}x`, base_url: hub.upstream.url,
        headers: [{ name: 'X-Key', value: 'key-value-1', secret: true }],
      });
      await api(hub.server, 'POST', `/api/connectors/${created.id}/activate`);
      const page = await hub.signedIn({ dpr, hash: `#/connectors/${created.id}` });
      await waitForItem(page, 'Settings');
      await clickItem(page, 'Test connection');
      await waitForItem(page, 'Connection works');
      await waitForPrefix(page, '✓ HTTP 200');
      await expectVisible(page, ['Connection works', 'Response headers', 'More actions']);
      await shoot(page, 'connector-manage-tested');

      await clickItem(page, 'More actions');
      await clickItem(page, 'Delete');
      await expectVisible(page, ['This action is irreversible.', 'Delete connector', 'Cancel']);
      await shoot(page, 'connector-manage-delete');
      await clickItem(page, 'Cancel');

      await clickItem(page, 'History');
      await waitForPrefix(page, 'Activated');
      await shoot(page, 'connector-manage-history');
      await page.context().close();
    }
  });
});
