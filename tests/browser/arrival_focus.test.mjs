// Issue 17 ("keyboard", "screen reader"): on arrival at the Data Hub the probe and the mirror say
// "Configure a new Connector" has the focus; it truly has it: Enter opens the form at once,
// without a Tab first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { focusedLabel, pressKey, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Focus on arrival', () => {
  const hub = useDataHub();

  test('Enter on arrival activates the item said to be focused', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn();
    await waitForItem(page, 'Configure a new Connector');
    await page.waitForTimeout(300);
    const focused = await focusedLabel(page);
    if (focused === undefined) return;  // nothing claimed: nothing to check
    assert.equal(focused, 'Configure a new Connector');
    await pressKey(page, 'Enter');
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors/new', null, { timeout: 5000 });
    await page.context().close();
  });
});
