// Copy and paste with the system clipboard in a text field (docs/UI.md, "Browser manners"):
// Emscripten's GLFW has no clipboard, so the page goes through navigator.clipboard and the
// browser's paste event.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickItem, openPage, waitForConsole, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

const hub = useDataHub({ anyServer: true });

async function openSearch() {
  const page = await openPage(hub.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.server.url });
  await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
  await waitForConsole(page, 'datahub: ready');
  await clickItem(page, 'Search');
  return page;
}

test('Ctrl+V pastes the system clipboard into a text field', async () => {
  const page = await openSearch();
  // The system clipboard gets its text from elsewhere (another application, say).
  await page.evaluate(() => navigator.clipboard.writeText('pasted-from-outside'));
  // The field's content is what the search sends: the connector list is asked for it.
  const request = page.waitForRequest((r) => r.url().includes('q=pasted-from-outside'));
  await page.keyboard.press('Control+V');
  assert.ok(await request);
  // Pasted once, not twice (the paste event and the key both reach ImGui).
  await page.waitForTimeout(300);
  const next = page.waitForRequest((r) => r.url().includes('q=pasted-from-outside%21'));
  await page.keyboard.type('!', { delay: 10 });
  await next;
  await page.context().close();
});

test('Ctrl+C copies a text field to the system clipboard', async () => {
  const page = await openSearch();
  await page.keyboard.type('copy me', { delay: 10 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'copy me');
  await waitForItem(page, 'Search');
  await page.context().close();
});
