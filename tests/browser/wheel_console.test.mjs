// Issue 17: every mouse-wheel notch logged "Unable to preventDefault inside passive event
// listener" (ImGui's wheel listener sat on the document, which Chromium makes passive). The
// wheel still scrolls, and the console stays clean.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { scrollIntoView, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

describe('Mouse wheel', () => {
  const hub = useDataHub({ anyServer: true });

  test('scrolls without console errors', async (t) => {
    if (!hub.browser) return t.skip('no browser');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    const complaints = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /passive/i.test(m.text())) complaints.push(m.text());
    });
    await waitForItem(page, 'Connection name');
    await scrollIntoView(page, 'Add header');  // the form scrolls with the wheel
    await page.mouse.wheel(0, 100);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(300);
    assert.deepEqual(complaints.filter((c) => /preventDefault|passive/i.test(c)), []);
    await page.context().close();
  });
});
