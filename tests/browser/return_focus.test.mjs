// Issue 17 ("keyboard"): back on the list ("← Data Hub" or the browser's Back) after opening a
// row with Enter, the focus is on that row again, not at the top of the screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import { focusedLabel, pressKey, tabTo, waitForFocus, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Focus returns to the opened row', () => {
  const hub = useDataHub();

  test('after ← Data Hub and after Back', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Aardvark return', base_url: 'https://a.example.com' });
    const second = await createConnector(hub.server, { name: 'Aardwolf return', base_url: 'https://b.example.com' });
    const page = await hub.signedIn();
    await waitForItem(page, 'Aardwolf return');
    await tabTo(page, 'Aardvark return');
    await pressKey(page, 'ArrowDown');
    assert.equal(await focusedLabel(page), 'Aardwolf return');
    await pressKey(page, 'Enter');
    await page.waitForFunction((id) => window.__ui.screen() === `#/connectors/${id}`, second.id);
    await waitForFocus(page, 'Connection name');
    await tabTo(page, '← Data Hub', { key: 'Shift+Tab' });
    await pressKey(page, 'Enter');
    await page.waitForFunction(() => window.__ui.screen().startsWith('#/connectors') &&
      !window.__ui.screen().startsWith('#/connectors/'));
    await waitForFocus(page, 'Aardwolf return');

    await pressKey(page, 'Enter');
    await page.waitForFunction((id) => window.__ui.screen() === `#/connectors/${id}`, second.id);
    await waitForFocus(page, 'Connection name');
    await page.goBack();
    await waitForFocus(page, 'Aardwolf return');
    await pressKey(page, 'Enter');  // a real focus: Enter opens it again
    await page.waitForFunction((id) => window.__ui.screen() === `#/connectors/${id}`, second.id);
    await page.context().close();
  });
});
