// History names a header by its name, not by its position in the list.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import { clickItem, uiItems, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

async function put(server, id, version, body) {
  const r = await fetch(`${server.url}/api/connectors/${id}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json',
               'If-Match': `"${version}"` },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`PUT: HTTP ${r.status} ${await r.text()}`);
}

describe('History', () => {
  const hub = useDataHub();

  test('header changes are named by the header name', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const base = { type: 'api', name: 'Tenanted', base_url: 'https://t.example.com', auth: { method: 'none' } };
    const c = await createConnector(hub.server, { ...base, headers: [{ name: 'X-Tenant', value: 'acme', secret: false }] });
    await put(hub.server, c.id, 1, { ...base, headers: [{ name: 'X-Tenant', value: 'globex', secret: false }] });
    // A header added in front: the tenant is now second, and is still called by its name.
    await put(hub.server, c.id, 2, { ...base, headers: [
      { name: 'X-Region', value: 'eu', secret: false }, { name: 'X-Tenant', value: 'initech', secret: false }] });
    const page = await hub.signedIn({ hash: `#/connectors/${c.id}` });
    await clickItem(page, 'History');
    await waitForItem(page, 'Header X-Tenant: value: acme → globex');
    await waitForItem(page, 'Header X-Tenant: value: globex → initech');
    await waitForItem(page, 'Header X-Region: added');
    await waitForItem(page, 'Header X-Region: value: eu');
    const labels = (await uiItems(page)).map((i) => i.label);
    assert.ok(!labels.some((l) => /^Header \d/.test(l)), `no header named by position: ${labels}`);
    await page.context().close();
  });
});
