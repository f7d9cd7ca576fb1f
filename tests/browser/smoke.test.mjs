// Smoke test of the web front end in headless Chromium: the page signs in from #token=, draws the
// Data Hub with a real font at the screen's pixel ratio, and stops drawing when nothing happens.
// Run: node --test tests/browser/   (after building build/web and, for the API, build/native)
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import {
  canvasSizes, clickItem, openPage, uiFrame, uiScreen, waitForConsole, waitForItem,
} from './lib/browser.mjs';
import { decodePng, distinctColours } from './lib/png.mjs';
import { repoRoot } from './lib/server.mjs';
import { useDataHub } from './lib/data_hub.mjs';

const screenshotDir = path.join(repoRoot, 'build/screenshots');

describe('Data Hub smoke', () => {
  const hub = useDataHub({ anyServer: true });

  for (const dpr of [1, 2]) {
    test(`draws the Data Hub crisply at devicePixelRatio ${dpr}`, async () => {
      const page = await openPage(hub.browser, { width: 1280, height: 800, deviceScaleFactor: dpr });
      await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
      await waitForConsole(page, 'datahub: ready');

      // Signed in: the token left the address bar, exchanged for a session cookie; the page keeps
      // no credential in the browser's storage.
      assert.equal(new URL(page.url()).hash, '#/connectors');
      assert.deepEqual(await page.evaluate(() => [sessionStorage.length, localStorage.length]), [0, 0]);
      assert.equal(await uiScreen(page), '#/connectors');
      assert.equal(await page.title(), 'Data Hub');

      const button = await waitForItem(page, 'Configure a new Connector');
      assert.equal(button.window, 'Data Hub');
      assert.ok(button.w > 50 && button.h > 10, `button has a size: ${JSON.stringify(button)}`);
      assert.ok(button.x + button.w <= 1280 && button.y + button.h <= 800, 'button is on screen');

      // The backing store follows the CSS size times the pixel ratio.
      const size = await canvasSizes(page);
      assert.equal(size.dpr, dpr);
      assert.equal(size.width, Math.round(size.cssWidth * dpr));
      assert.equal(size.height, Math.round(size.cssHeight * dpr));

      mkdirSync(screenshotDir, { recursive: true });
      const png = await page.screenshot();
      writeFileSync(path.join(screenshotDir, `datahub-dpr${dpr}.png`), png);
      const image = decodePng(png);
      assert.equal(image.width, 1280 * dpr);
      const colours = distinctColours(image);
      assert.ok(colours > 20, `the canvas shows text and widgets, not a blank page (${colours} colours)`);

      // Idle: after the last event, frames stop.
      await page.waitForTimeout(500);
      const before = await uiFrame(page);
      await page.waitForTimeout(1500);
      assert.equal(await uiFrame(page), before, 'no frames drawn while idle');

      // Input wakes it up again, and a click reaches the button.
      await clickItem(page, 'Configure a new Connector');
      await page.waitForFunction(() => window.__ui.screen() === '#/connectors/new');
      assert.ok((await uiFrame(page)) > before, 'frames drawn after input');
      assert.equal(new URL(page.url()).hash, '#/connectors/new');
      await page.context().close();
    });
  }

  test('resizing the window resizes the canvas backing store', async () => {
    const page = await openPage(hub.browser, { width: 900, height: 600, deviceScaleFactor: 2 });
    await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
    await waitForConsole(page, 'datahub: ready');
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 2000);
    const size = await canvasSizes(page);
    assert.equal(size.height, 1400);
    const button = await waitForItem(page, 'Configure a new Connector');
    assert.ok(button.x + button.w <= 1000 && button.x + button.w > 900,
      `the button follows the right edge: ${JSON.stringify(button)}`);
    await page.context().close();
  });
});
