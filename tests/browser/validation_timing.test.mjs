// A field is judged when the user leaves it (or submits), not in the middle of a word; once
// judged, it is judged again as they type, so a fix shows at once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  clickItem, pressKey, typeInto, uiItems, waitForFocus, waitForItem, waitUntilGone,
} from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

const message = 'Base URL has an invalid IPv4 address (use a.b.c.d)';

describe('Validation timing', () => {
  const hub = useDataHub();

  test('no error mid-word; the error when the field is left; gone as soon as it is fixed', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    // The form opens with the caret in its first field; the user sees it, then clicks on.
    await waitForFocus(page, 'Connection name');
    await typeInto(page, 'Base URL', 'http://12');
    await page.waitForTimeout(300);
    assert.ok(!(await uiItems(page)).some((i) => i.label.startsWith('Base URL ')),
      'nothing is judged while typing the first time');
    await pressKey(page, 'Tab');  // leaves the field
    await waitForItem(page, message);
    await clickItem(page, 'Base URL');
    await page.keyboard.press('End');
    await page.keyboard.type('3.example.com', { delay: 10 });
    await waitUntilGone(page, message);  // still in the field
    await page.context().close();
  });
});
