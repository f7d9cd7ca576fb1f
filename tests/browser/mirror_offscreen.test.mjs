// Issue 17 ("screen reader"): fields scrolled out of view keep their role, name and value in the
// mirror (they were unlabelled buttons), and a screen reader's click on an item out of view
// scrolls it into view, then clicks it (it clicked its off-screen position, or nothing).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import { findItem, waitForFocus, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

const mirror = (page) => page.locator('#a11y-mirror');

// What the mirror holds: role, name and value of every element.
const mirrored = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#a11y-mirror [role]')].map((el) => ({
    role: el.getAttribute('role'), name: el.getAttribute('aria-label') || el.textContent, value: el.value,
  })));

describe('Mirror of what is out of view', () => {
  const hub = useDataHub();

  test('fields out of view keep role, name and value; a click scrolls them into view', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, {
      name: 'Tall form', base_url: 'https://tall.example.com',
      headers: [{ name: 'X-Tenant', value: 'acme', secret: false }],
    });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    // Tall enough that every item was seen drawn once (what an item is, ImGui says only then).
    await page.setViewportSize({ width: 1280, height: 1000 });
    await waitForFocus(page, 'Connection name');
    await waitForItem(page, 'Header 1 name');
    await page.waitForFunction(() => window.__ui.items().some((x) => x.label === 'Add header' && x.visible));
    await page.setViewportSize({ width: 1280, height: 420 });  // the headers now lie below
    await page.waitForFunction(() => {
      const i = window.__ui.items().find((x) => x.label === 'Header 1 name');
      return i && !i.visible;
    });
    await page.waitForTimeout(300);  // the mirror follows within 100 ms
    const items = await mirrored(page);
    assert.deepEqual(items.filter((i) => i.role === 'button' && !i.name), [], 'no unlabelled buttons');
    const header = items.find((i) => i.name === 'Header 1 name');
    assert.deepEqual(header, { role: 'textbox', name: 'Header 1 name', value: 'X-Tenant' });

    // A screen reader's click on "Add header", out of view: it is scrolled to, then clicked.
    assert.equal((await findItem(page, 'Add header'))?.visible ?? false, false);
    const add = mirror(page).getByRole('button', { name: 'Add header', exact: true });
    await add.waitFor({ state: 'attached' });
    await add.dispatchEvent('click');
    await waitForItem(page, 'Header 2 name');
    await page.context().close();
  });
});
