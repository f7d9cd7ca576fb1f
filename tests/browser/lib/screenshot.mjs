// Screenshots of settled screens into build/screenshots/<name>-dpr<N>.png, for people to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { uiFrame } from './browser.mjs';
import { repoRoot } from './server.mjs';

export const screenshotDir = path.join(repoRoot, 'build/screenshots');

// Frames are drawn on demand: the screen has settled once no frame came for a while.
export async function settle(page, quietMs = 250, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let frame = await uiFrame(page);
  while (Date.now() < deadline) {
    await page.waitForTimeout(quietMs);
    const now = await uiFrame(page);
    if (now === frame) return;
    frame = now;
  }
}

// The pointer leaves first, so no hover highlight is in the picture. Returns the PNG bytes.
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(1, 1);
  await settle(page);
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  const png = await page.screenshot();
  writeFileSync(path.join(screenshotDir, `${name}-dpr${dpr}.png`), png);
  return png;
}
