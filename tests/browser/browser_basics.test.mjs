// What any page does in a browser: the right-click menu is the browser's own over text fields
// (for Paste) and absent elsewhere on the canvas, and the tab shows the Data Hub's icon.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { clickItem, findItem, openPage, waitForConsole, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// Records, after the page's own handlers, what each right click's menu belongs to and whether
// the page kept the browser from showing it.
const recordMenus = (page) => page.evaluate(() => {
  window.__menus = [];
  window.addEventListener('contextmenu', (e) => {
    window.__menus.push({ editable: e.target.tagName === 'TEXTAREA' || e.target.tagName === 'INPUT',
                          prevented: e.defaultPrevented });
  });
});

async function rightClick(page, item) {
  await page.mouse.move(item.x + item.w / 2, item.y + item.h / 2);
  await page.waitForTimeout(100);  // the pointer rests: the field under it is known
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2, { button: 'right' });
  await page.waitForTimeout(100);
}

describe('Browser basics', () => {
  const hub = useDataHub({ anyServer: true });

  test('right click: the browser menu over a text field, Paste types into it; none elsewhere', async () => {
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
    await waitForConsole(page, 'datahub: ready');
    await recordMenus(page);

    await rightClick(page, await waitForItem(page, 'Data Hub'));  // the heading
    let menus = await page.evaluate(() => window.__menus);
    assert.deepEqual(menus.at(-1), { editable: false, prevented: true }, 'no menu over the canvas');

    await rightClick(page, await waitForItem(page, 'Search'));
    menus = await page.evaluate(() => window.__menus);
    assert.deepEqual(menus.at(-1), { editable: true, prevented: false }, 'a text field menu (Paste)');

    // Choosing Paste in that menu: the browser sends a paste event to what the menu belongs to.
    const request = page.waitForRequest((r) => r.url().includes('q=from-the-menu'));
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'from-the-menu');
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    assert.ok(await request, 'the pasted text went into the search field');

    // The next left click reaches the canvas (nothing is left lying over it).
    await clickItem(page, 'Configure a new Connector');
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors/new');
    assert.equal(await findItem(page, 'pageerror'), undefined);
    await page.context().close();
  });

  test('right click on a text field the pointer jumped to: still the browser menu', async () => {
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
    await waitForConsole(page, 'datahub: ready');
    await recordMenus(page);
    const search = await waitForItem(page, 'Search');
    await page.mouse.move(5, 5);  // far from the field, and no frame sees it arrive there
    await page.waitForTimeout(200);
    await page.mouse.click(search.x + search.w / 2, search.y + search.h / 2, { button: 'right' });
    await page.waitForFunction(() => window.__menus.length > 0);
    const menus = await page.evaluate(() => window.__menus);
    assert.deepEqual(menus.at(-1), { editable: true, prevented: false }, 'a text field menu (Paste)');
    await page.context().close();
  });

  test('the tab shows the Data Hub icon, served under the page policy', async () => {
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/`);
    await waitForConsole(page, 'datahub: ready');
    const href = await page.evaluate(() => document.querySelector('link[rel="icon"]')?.href);
    assert.ok(href, 'the page names an icon');
    const r = await fetch(href);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^image\/svg\+xml/);
    assert.match(await r.text(), /^<svg /);
    assert.ok(!page.lines.some((l) => /Content Security Policy|favicon/i.test(l)), page.lines.join('\n'));
    await page.context().close();
  });
});
