// What assistive technology gets from the page: the hidden DOM mirror of the screen
// (assets/a11y_mirror.js) as Chromium's accessibility tree exposes it, and what its live regions
// announce. Tests read these as a screen reader would, and act through the mirror's elements.
import assert from 'node:assert/strict';

export const mirror = (page) => page.locator('#a11y-mirror');

// The ARIA snapshot of `locator` once it matches every pattern (or the last one seen, failing).
// The mirror follows a screen that changes every frame within 100 ms.
export async function snapshotMatching(locator, patterns, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let snapshot;
  while (Date.now() < deadline) {
    snapshot = await locator.ariaSnapshot();
    if (patterns.every((p) => p.test(snapshot))) return snapshot;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const p of patterns) assert.match(snapshot, p);
  return snapshot;
}

// A screen reader's "click" on a mirrored control: the element's click event, as AT sends it.
export async function activate(page, role, name) {
  const el = mirror(page).getByRole(role, { name, exact: true });
  await el.waitFor({ state: 'attached' });
  await el.dispatchEvent('click');
}

// From now on, records every line added to the live regions, as a screen reader hears them:
// { region: 'status' | 'alert', text }. Read with announcements(page) / waitForAnnouncement.
export function recordAnnouncements(page) {
  return page.evaluate(() => {
    window.__said = [];
    const watch = (id, region) => new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          // A line said again carries an invisible mark: what is heard is the text.
          window.__said.push({ region, text: node.textContent.replace(/\u200b/g, '') });
        }
      }
    }).observe(document.getElementById(id), { childList: true });
    watch('a11y-live', 'status');
    watch('a11y-alert', 'alert');
  });
}

export const announcements = (page) => page.evaluate(() => window.__said);

// Waits until the live regions said something matching `pattern` (in `region` when given) at
// least `count` times; returns what was said.
export async function waitForAnnouncement(page, pattern, { region, count = 1, timeoutMs = 10000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let said = [];
  while (Date.now() < deadline) {
    said = await announcements(page);
    const hits = said.filter((s) => pattern.test(s.text) && (!region || s.region === region));
    if (hits.length >= count) return said;
    await page.waitForTimeout(50);
  }
  throw new Error(`not announced ${count} time(s): ${pattern} in ${region ?? 'any region'}; ` +
                  `said: ${JSON.stringify(said)}`);
}
