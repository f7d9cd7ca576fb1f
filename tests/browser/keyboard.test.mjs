// Keyboard manners in the real browser (docs/UI.md, "Keyboard"): Tab and Shift+Tab move between
// fields, Enter submits the create form, Escape closes the delete dialog. What was typed where is
// read back from the API, never from the app.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, createConnector } from './lib/api.mjs';
import {
  clickItem, findItem, focusedLabel, pressKey, scrollIntoView, tabTo, typeInto, waitForFocus,
  waitForItem, waitUntilGone,
} from './lib/browser.mjs';
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

  test('a new form has focus in its first field, and Tab reaches Test connection and Create', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn();
    await clickItem(page, 'Configure a new Connector');
    await waitForFocus(page, 'Connection name');  // a frame or two after the form appears
    await page.keyboard.type('Keyboard only', { delay: 10 });  // no click first
    await pressKey(page, 'Tab');
    await page.keyboard.type('https://keys.example.com', { delay: 10 });
    const path = await tabTo(page, 'Create');
    assert.ok(path.includes('Test connection'), `Test connection is on the way: ${path}`);
    await pressKey(page, 'Enter');
    await waitForItem(page, 'Connector created');
    const { items } = await api(hub.server, 'GET', '/api/connectors?q=keyboard%20only');
    assert.equal(items.length, 1);
    assert.equal(items[0].base_url, 'https://keys.example.com');
    await page.context().close();
  });

  test('Tab from the screen header enters the fields', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForItem(page, 'Connection name');
    await page.mouse.click(5, 5);  // focus nowhere in particular: the page's corner
    await tabTo(page, 'Base URL');
    await page.context().close();
  });

  test('Add header puts the focus in the new row', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Header by keyboard');
    await typeInto(page, 'Base URL', 'https://h.example.com');
    await scrollIntoView(page, 'Add header');
    await clickItem(page, 'Add header');
    await waitForFocus(page, 'Header 1 name');
    await page.keyboard.type('X-Tenant', { delay: 10 });
    await pressKey(page, 'Tab');
    await page.keyboard.type('acme', { delay: 10 });
    await pressKey(page, 'Enter');
    await waitForItem(page, 'Connector created');
    const { items } = await api(hub.server, 'GET', '/api/connectors?q=header%20by%20keyboard');
    const full = await api(hub.server, 'GET', `/api/connectors/${items[0].id}`);
    assert.deepEqual(full.headers, [{ name: 'X-Tenant', value: 'acme', secret: false }]);
    await page.context().close();
  });

  test('list rows are reached with Tab, moved through with arrows and opened with Enter', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Aardvark row', base_url: 'https://a.example.com' });
    const second = await createConnector(hub.server, { name: 'Aardwolf row', base_url: 'https://b.example.com' });
    const page = await hub.signedIn();
    await waitForItem(page, 'Aardwolf row');
    await tabTo(page, 'Aardvark row');
    await pressKey(page, 'ArrowDown');
    assert.equal(await focusedLabel(page), 'Aardwolf row');
    await pressKey(page, 'Enter');
    await page.waitForFunction((id) => window.__ui.screen() === `#/connectors/${id}`, second.id);
    await page.context().close();
  });

  test('Escape in a text field leaves its text alone', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Esc test');
    await pressKey(page, 'Escape');
    await page.waitForTimeout(200);
    assert.equal(await findItem(page, 'Connection name is required'), undefined);
    await typeInto(page, 'Base URL', 'https://esc.example.com');
    await pressKey(page, 'Escape');
    await pressKey(page, 'Enter');
    await waitForItem(page, 'Connector created');
    const { items } = await api(hub.server, 'GET', '/api/connectors?q=esc%20test');
    assert.equal(items.length, 1);
    assert.equal(items[0].base_url, 'https://esc.example.com');
    await page.context().close();
  });
});
