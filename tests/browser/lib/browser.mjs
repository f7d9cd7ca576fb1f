// Headless Chromium (Debian's) through playwright-core, with the flags of TOOLCHAIN.md, and the
// helpers tests use to talk to the page as a person would: through the test probe's item
// rectangles (window.__ui, UI.md), the mouse and the keyboard.
import { chromium } from 'playwright-core';

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Playwright's launch() gives Chromium a new empty --user-data-dir of its own (it refuses one in
// args); the other flags are those of TOOLCHAIN.md.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
    ],
  });
}

// A page with its own viewport and devicePixelRatio. Console lines are collected in page.lines.
export async function openPage(browser, { width = 1280, height = 800, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  page.lines = [];
  page.on('console', (msg) => page.lines.push(msg.text()));
  page.on('pageerror', (err) => page.lines.push(`pageerror: ${err.message}`));
  return page;
}

export async function waitForConsole(page, text, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (page.lines.includes(text)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`no console line "${text}" within ${timeoutMs} ms; saw:\n${page.lines.join('\n')}`);
}

export const uiItems = (page) => page.evaluate(() => window.__ui.items());
export const uiFrame = (page) => page.evaluate(() => window.__ui.frame());
export const uiScreen = (page) => page.evaluate(() => window.__ui.screen());

// The item with this label in the last drawn frame (optionally in a given window), or undefined.
export async function findItem(page, label, { window } = {}) {
  const items = await uiItems(page);
  return items.find((i) => i.label === label && (window === undefined || i.window === window));
}

// Waits until an item with this label is drawn; returns it.
export async function waitForItem(page, label, { timeoutMs = 10000, window } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const item = await findItem(page, label, { window });
    if (item) return item;
    await page.waitForTimeout(50);
  }
  const labels = (await uiItems(page)).map((i) => i.label).filter(Boolean);
  throw new Error(`no item "${label}" within ${timeoutMs} ms; drawn: ${JSON.stringify(labels)}`);
}

// Clicks the centre of an item's rectangle, as a person would: the pointer arrives, rests a
// moment, then presses. (ImGui's overlapping items, e.g. table headers, take a click only once
// they were hovered on the frame before.)
export async function clickItem(page, label, options = {}) {
  const item = await waitForItem(page, label, options);
  await page.mouse.move(item.x + item.w / 2, item.y + item.h / 2);
  await page.waitForTimeout(50);
  await page.mouse.down();
  await page.mouse.up();
  return item;
}

// Clicks a text field and types into it with the keyboard.
export async function typeInto(page, label, text, options = {}) {
  await clickItem(page, label, options);
  await page.keyboard.type(text, { delay: 10 });
}

// Canvas backing size and CSS size, to check the devicePixelRatio handling.
export function canvasSizes(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { width: c.width, height: c.height, cssWidth: r.width, cssHeight: r.height,
             dpr: window.devicePixelRatio };
  });
}
