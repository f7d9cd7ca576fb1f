// The connector form and the manage flows against the real server, driven as a person would:
// clicks at the centre of probe items and keyboard typing. After each step the API tells what was
// stored. (screens.test.mjs takes the screenshots of every screen at devicePixelRatio 1 and 2.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api } from './lib/api.mjs';
import {
  clickItem, scrollIntoView, typeInto, uiItems, waitForItem, waitForPrefix, waitUntilGone,
} from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';
import { startUpstream } from './lib/upstream.mjs';

const byName = async (server, name) =>
  (await api(server, 'GET', `/api/connectors?q=${encodeURIComponent(name)}`)).items
    .find((c) => c.name === name);

describe('Connector form and manage flows', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startUpstream });

  test('creates a No Auth connector after testing it', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn();
    await clickItem(page, 'Configure a new Connector');
    await typeInto(page, 'Connection name', 'Local upstream');
    await typeInto(page, 'Base URL', hub.upstream.url);
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Connection works');
    await waitForPrefix(page, '✓ HTTP 200');
    await waitForItem(page, 'Response headers');
    await clickItem(page, 'Create');
    await waitForItem(page, 'Connector created');
    await page.waitForFunction(() => /^#\/connectors\/c/.test(window.__ui.screen()));
    const stored = await byName(hub.server, 'Local upstream');
    assert.equal(stored.base_url, hub.upstream.url);
    assert.equal(stored.auth.method, 'none');
    assert.equal(stored.status, 'disabled');
    await page.context().close();
  });

  test('creates an OAuth 2.0 password-grant connector with two headers, one secret', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    for (const dpr of [1, 2]) {
      // An ordinary 1280x800 window: the fields below the fold are reached with the mouse wheel.
      const page = await hub.signedIn({ dpr, hash: '#/connectors/new' });
      await waitForItem(page, 'Connection name');
      await typeInto(page, 'Connection name', `ERP OAuth ${dpr}`);
      await typeInto(page, 'Base URL', 'https://erp.example.com/api/v2');
      await clickItem(page, 'OAuth 2.0');
      await typeInto(page, 'Access token URL', 'https://idp.example.com/oauth/token');
      await typeInto(page, 'Client ID', 'hub');
      await typeInto(page, 'Client secret', 'client-s3cret');
      await clickItem(page, 'Password grant');
      await typeInto(page, 'Username', 'svc-hub');
      await typeInto(page, 'Password', 'pa55word');
      await scrollIntoView(page, 'Add header');
      await clickItem(page, 'Add header');
      await waitForItem(page, 'Header 1 name');  // the button moved down under the new row
      await scrollIntoView(page, 'Add header');
      await clickItem(page, 'Add header');
      await waitForItem(page, 'Header 2 name');
      await typeInto(page, 'Header 1 name', 'X-Tenant');
      await typeInto(page, 'Header 1 value', 'acme');
      await typeInto(page, 'Header 2 name', 'X-API-Key');
      await clickItem(page, 'Header 2 secret');
      await typeInto(page, 'Header 2 value', 'k3y-value');
      await page.keyboard.press('Enter');  // Enter submits the form
      await waitForItem(page, 'Connector created');
      const stored = await byName(hub.server, `ERP OAuth ${dpr}`);
      const full = await api(hub.server, 'GET', `/api/connectors/${stored.id}`);
      assert.equal(full.auth.method, 'oauth2');
      assert.equal(full.auth.grant_type, 'password');
      assert.equal(full.auth.username, 'svc-hub');
      assert.equal(full.auth.client_secret_set, true);
      assert.equal(full.auth.password_set, true);
      assert.deepEqual(full.headers, [
        { name: 'X-Tenant', value: 'acme', secret: false },
        { name: 'X-API-Key', secret: true, value_set: true },
      ]);
      await page.context().close();
    }
  });

  test('a duplicate name shows the error under the name field', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await api(hub.server, 'POST', '/api/connectors',
      { type: 'api', name: 'Taken name', base_url: 'https://a.example.com', auth: { method: 'none' } });
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'TAKEN name');
    await typeInto(page, 'Base URL', 'https://b.example.com');
    await clickItem(page, 'Create');
    const message = 'Connection name is already used by another connector (names ignore case)';
    await waitForItem(page, message);
    await page.waitForTimeout(300);  // the problem banner above settles its height
    const items = await uiItems(page);  // one frame's positions
    const [shown, field, next] = [message, 'Connection name', 'Base URL']
      .map((label) => items.find((i) => i.label === label));
    assert.ok(shown.y > field.y && shown.y < next.y, 'the message sits under the name field');
    await screenshot(page, 'connector-new-name-taken');
    const all = await api(hub.server, 'GET', '/api/connectors?q=taken');
    assert.equal(all.total, 1, 'nothing was created');
    await page.context().close();
  });

  test('edit and save, activate, disable, history, delete with cancel and confirm', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await api(hub.server, 'POST', '/api/connectors',
      { type: 'api', name: 'Managed one', base_url: hub.upstream.url, auth: { method: 'none' } });
    const page = await hub.signedIn();
    await clickItem(page, 'Managed one');  // the row in the Data Hub opens the connector
    await page.waitForFunction((id) => window.__ui.screen() === `#/connectors/${id}`, created.id);
    await waitForItem(page, 'Settings');

    // Edit and save: Save only does something once a field changed.
    await clickItem(page, 'Save');
    await page.waitForTimeout(200);
    assert.equal((await api(hub.server, 'GET', `/api/connectors/${created.id}`)).version, 1);
    await clickItem(page, 'Base URL');
    await page.keyboard.press('End');
    await page.keyboard.type('/v2', { delay: 10 });
    await waitForItem(page, 'Unsaved changes');
    await clickItem(page, 'Save');
    await waitForItem(page, 'Connector saved');
    let stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.base_url, `${hub.upstream.url}/v2`);
    assert.equal(stored.version, 2);

    // Test connection on the saved connector.
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Connection works');
    await waitForItem(page, 'Body');

    // Activate, then disable, through the More actions menu.
    await clickItem(page, 'More actions');
    await clickItem(page, 'Activate');
    await waitForItem(page, 'Connector activated');
    stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.status, 'active');
    await clickItem(page, 'More actions');
    await clickItem(page, 'Disable');
    await waitForItem(page, 'Connector disabled');
    stored = await api(hub.server, 'GET', `/api/connectors/${created.id}`);
    assert.equal(stored.status, 'disabled');

    // History: what changed, when.
    await clickItem(page, 'History');
    await waitForPrefix(page, 'Updated · version 2');
    await waitForPrefix(page, 'Base URL: ');
    await waitForPrefix(page, 'Status: Active → Disabled');
    await clickItem(page, 'Settings');

    // Delete: Cancel keeps it, Escape keeps it, the confirm click removes it.
    await clickItem(page, 'More actions');
    await clickItem(page, 'Delete');
    await waitForItem(page, 'This action is irreversible.');
    await clickItem(page, 'Cancel');
    await waitUntilGone(page, 'This action is irreversible.');
    await api(hub.server, 'GET', `/api/connectors/${created.id}`);  // still there
    await clickItem(page, 'More actions');
    await clickItem(page, 'Delete');
    await waitForItem(page, 'This action is irreversible.');
    await page.keyboard.press('Escape');
    await waitUntilGone(page, 'This action is irreversible.');
    await api(hub.server, 'GET', `/api/connectors/${created.id}`);  // still there
    await clickItem(page, 'More actions');
    await clickItem(page, 'Delete');
    await clickItem(page, 'Delete connector');
    await waitForItem(page, 'Connector deleted');
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors');
    const r = await fetch(`${hub.server.url}/api/connectors/${created.id}`,
      { headers: { Authorization: `Bearer ${hub.server.token}` } });
    assert.equal(r.status, 404);
    await page.context().close();
  });
});
