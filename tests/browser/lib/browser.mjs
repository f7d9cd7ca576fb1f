// Headless Chromium (Debian's) through playwright-core, with the flags of TOOLCHAIN.md, and the
// helpers tests use to talk to the page as a person would: through the test probe's item
// rectangles (window.__ui, docs/UI.md "Test probe"), the mouse and the keyboard.
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

// Opens the Data Hub signed in through its login URL, as an administrator following the
// printed link would, and then goes to `hash` when one is given.
export async function openSignedIn(browser, server, { dpr = 1, hash = '' } = {}) {
  const page = await openPage(browser, { deviceScaleFactor: dpr });
  await page.goto(`${server.url}/#token=${server.token}`);
  await waitForConsole(page, 'datahub: ready');
  if (hash) await page.evaluate((h) => { window.location.hash = h; }, hash);
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

const matches = (item, label, window) =>
  item.label === label && (window === undefined || item.window === window);
const centreInside = (i) =>
  i.x + i.w / 2 >= i.clip.x && i.x + i.w / 2 <= i.clip.x + i.clip.w &&
  i.y + i.h / 2 >= i.clip.y && i.y + i.h / 2 <= i.clip.y + i.clip.h;

// Turns the mouse wheel once over the middle of `region` (CSS pixels), as a person scrolls a
// list or a form, and waits for the frames that apply it.
async function wheelOver(page, region, down) {
  const viewport = page.viewportSize();
  const bottom = Math.min(region.y + region.h, viewport.height);
  await page.mouse.move(region.x + region.w / 2, (Math.max(region.y, 0) + bottom) / 2);
  const frame = await uiFrame(page);
  await page.mouse.wheel(0, down ? 100 : -100);  // one notch
  await page.waitForFunction((f) => window.__ui.frame() > f + 1, frame);
}

// Scrolls with the mouse wheel until the item is wholly visible (the probe's `visible`) and
// returns it. While the item is drawn but scrolled away, the wheel turns over the region that
// clips it, toward it; while it was never drawn yet (ImGui names widgets only when visible), the
// wheel turns down over the region that hides items below. Gives up when nothing moves.
export async function scrollIntoView(page, label, { window, timeoutMs = 10000, maxNotches = 60 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (let notch = 0; notch <= maxNotches; notch++) {
    const items = await uiItems(page);
    const item = items.find((i) => matches(i, label, window));
    if (item?.visible) return item;
    let region;
    let down = true;
    if (item) {
      region = item.clip;
      down = item.y + item.h > item.clip.y + item.clip.h;
    } else {
      const hidden = items.filter((i) => !i.visible && i.h > 0 && i.y > i.clip.y + i.clip.h);
      hidden.sort((a, b) => b.y - a.y);
      region = hidden[0]?.clip;
    }
    if (!region) {
      if (Date.now() > deadline) break;
      await page.waitForTimeout(50);  // not drawn yet, and nothing to scroll: wait for it
      continue;
    }
    await wheelOver(page, region, down);
  }
  const labels = (await uiItems(page)).map((i) => i.label).filter(Boolean);
  throw new Error(`could not scroll "${label}" into view; drawn: ${JSON.stringify(labels)}`);
}

export async function waitUntilGone(page, label, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await findItem(page, label))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`"${label}" still drawn after ${timeoutMs} ms`);
}

// An item whose label starts with `prefix` (labels with latencies or times change between runs).
export async function waitForPrefix(page, prefix, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const item = (await uiItems(page)).find((i) => i.label.startsWith(prefix));
    if (item) return item;
    await page.waitForTimeout(50);
  }
  throw new Error(`no item starting with "${prefix}"`);
}

// Clicks the centre of an item's rectangle, as a person would: waits for it, scrolls it into
// view if its centre is hidden, then the pointer arrives, rests a moment, and presses. (ImGui's
// overlapping items, e.g. table headers, take a click only once they were hovered on the frame
// before.) A button never drawn yet below the fold needs scrollIntoView first.
export async function clickItem(page, label, options = {}) {
  let item = await waitForItem(page, label, options);
  if (!centreInside(item)) item = await scrollIntoView(page, label, options);
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

// Presses a key as a person would and waits for the frames that handle it.
export async function pressKey(page, key) {
  const frame = await uiFrame(page);
  await page.keyboard.press(key);
  await page.waitForFunction((f) => window.__ui.frame() > f + 1, frame);
}

// The label of the item with keyboard focus (the probe's `focused`: where typed keys and Enter
// go, shown with a focus frame), or undefined.
export async function focusedLabel(page) {
  return (await uiItems(page)).find((i) => i.focused)?.label;
}

// Presses `key` (Tab, Shift+Tab) and returns the label focused after it. On a loaded machine the
// key may reach the app a frame or two after pressKey's frames: the focus is read again until it
// moves (or 2 s pass: then it stayed), so a slow frame is not taken for a Tab that went nowhere.
export async function moveFocus(page, key = 'Tab') {
  const before = await focusedLabel(page);
  await pressKey(page, key);
  let focused = await focusedLabel(page);
  for (const until = Date.now() + 2000; focused === before && Date.now() < until;) {
    await page.waitForTimeout(25);
    focused = await focusedLabel(page);
  }
  return focused;
}

// Presses `key` (Tab) until the item labelled `label` has keyboard focus; returns the labels
// focused on the way. Fails after `max` presses.
export async function tabTo(page, label, { key = 'Tab', max = 40 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const focused = await moveFocus(page, key);
    seen.push(focused);
    if (focused === label) return seen;
  }
  throw new Error(`${key} never reached "${label}"; focus went through ${JSON.stringify(seen)}`);
}

// Waits until the item labelled `label` has keyboard focus, as a person sees the caret there
// before typing (a form focuses its first field, Add header its new row, a frame or two later).
export async function waitForFocus(page, label, timeoutMs = 5000) {
  await page.waitForFunction(
    (l) => window.__ui.items().some((i) => i.focused && i.label === l), label, { timeout: timeoutMs });
}
