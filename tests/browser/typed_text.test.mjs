// Text that comes without a key of its own reaches the field: a character the keyboard layout has
// no key for (Playwright then inserts it as dictation and on-screen keyboards do), an IME's
// composition, and plain keys, each typed once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { waitForFocus } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// What the focused field holds, as its mirror element shows it (it follows ImGui's field).
async function fieldValue(page, label, expected) {
  await page.waitForFunction(
    ([l, v]) => document.querySelector(`#a11y-mirror input[aria-label="${l}"]`)?.value === v,
    [label, expected], { timeout: 5000 }).catch(() => {});
  return page.evaluate(
    (l) => document.querySelector(`#a11y-mirror input[aria-label="${l}"]`)?.value, label);
}

describe('Typed text', () => {
  const hub = useDataHub();

  test('letters without a key, composed text and plain keys each arrive once', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForFocus(page, 'Connection name');
    // Text without a key goes to the focused DOM element: the field's mirror <input> takes the
    // DOM focus a frame after ImGui's (a person never types within those milliseconds).
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Connection name');
    await page.keyboard.type('jürgen', { delay: 10 });
    assert.equal(await fieldValue(page, 'Connection name', 'jürgen'), 'jürgen');
    await page.keyboard.insertText(' 東京');
    assert.equal(await fieldValue(page, 'Connection name', 'jürgen 東京'), 'jürgen 東京');
    // An IME's composition: the text is typed when it is committed, not while it is composed.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'かな', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: 'カナ' });
    assert.equal(await fieldValue(page, 'Connection name', 'jürgen 東京カナ'), 'jürgen 東京カナ');
    await page.context().close();
  });
});
