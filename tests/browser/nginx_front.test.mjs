// The Data Hub through the operator's nginx front (deploy/nginx/datahub.conf.in) in front of two
// servers on one PostgreSQL: nginx serves the page, the servers take turns with the API calls.
// Needs `ninja -C build/native datahub-front-stack` and the web build; skips without the helper.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  clickItem, launchBrowser, openSignedIn, typeInto, uiScreen, waitForConsole, waitForItem,
} from './lib/browser.mjs';
import { frontStackPath, sessionsShared, startFrontStack } from './lib/front_stack.mjs';

describe('through nginx in front of two servers', () => {
  let stack;
  let browser;
  before(async () => {
    if (!existsSync(frontStackPath)) return;
    stack = await startFrontStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('signs in, creates a connector with the form, and keeps it after reloads', async (t) => {
    if (!stack) return t.skip(`no ${frontStackPath}: ninja -C build/native datahub-front-stack`);
    // Otherwise every other call of the page would answer 401: say so plainly.
    assert.ok(await sessionsShared(stack),
      'a session signed in through nginx is 401 on one of the servers (cookie lost, or not shared)');
    const page = await openSignedIn(browser, stack);
    await clickItem(page, 'Configure a new Connector');
    await typeInto(page, 'Connection name', 'Made through nginx');
    await typeInto(page, 'Base URL', 'https://erp.example.com/api');
    await clickItem(page, 'Create');
    await waitForItem(page, 'Connector created');
    await page.evaluate(() => { window.location.hash = '#/connectors'; });
    await waitForItem(page, 'Made through nginx');

    // Each load asks the servers in turn: the session and the list come from both.
    for (let i = 0; i < 2; ++i) {
      page.lines = [];
      await page.reload();
      await waitForConsole(page, 'datahub: ready');
      await waitForItem(page, 'Made through nginx');
      assert.equal(await uiScreen(page), '#/connectors');
    }
    await page.context().close();
  });
});
