// Issue 17 ("screen reader"), the review's missing roles: what each control is, as Chromium's
// accessibility tree shows it to a screen reader. More actions opens a menu of menu items (not
// buttons or checkboxes); the choices are radio groups with a name; the Delete and unsaved-changes
// confirmations are modal dialogs named by their title, holding their buttons; Settings and
// History are tabs of a tab list; the column headers say how the list is sorted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { activate, mirror, snapshotMatching } from './lib/a11y.mjs';
import { createConnector } from './lib/api.mjs';
import { clickItem, pressKey, typeInto, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// Chromium's own node for a role and name (not playwright's reading of the DOM): its
// properties by name, or undefined when Chromium has no such node.
async function chromiumNode(page, role, name) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const node = nodes.find((n) => !n.ignored && n.role?.value === role && n.name?.value === name);
    if (!node) return undefined;
    return Object.fromEntries((node.properties ?? []).map((p) => [p.name, p.value?.value]));
  } finally {
    await cdp.detach();
  }
}

async function waitForChromiumNode(page, role, name, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const node = await chromiumNode(page, role, name);
    if (node) return node;
    await page.waitForTimeout(50);
  }
  throw new Error(`Chromium has no ${role} "${name}"`);
}

// aria-sort of each column header, by name, once `expected` holds (the mirror follows within
// 100 ms of the frame).
async function waitForSort(page, expected, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let sorts;
  while (Date.now() < deadline) {
    sorts = await mirror(page).getByRole('columnheader').evaluateAll((els) =>
      Object.fromEntries(els.map((el) => [el.textContent, el.getAttribute('aria-sort')])));
    if (Object.entries(expected).every(([name, sort]) => sorts[name] === sort)) return sorts;
    await page.waitForTimeout(50);
  }
  assert.deepEqual(sorts, { ...sorts, ...expected });
  return sorts;
}

describe('Roles in the screen-reader mirror', () => {
  const hub = useDataHub();

  test('More actions is a menu of menu items; Delete asks in a modal dialog', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Menu one', base_url: 'https://menu.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'More actions');
    const button = mirror(page).getByRole('button', { name: 'More actions', exact: true });
    await snapshotMatching(mirror(page), [/- button "More actions"/]);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');

    await clickItem(page, 'More actions');
    await snapshotMatching(mirror(page), [
      /- menu "More actions":\n\s+- menuitem "Activate"\n\s+- menuitem "Disable" \[disabled\]\n\s+- menuitem "Delete"/,
    ]);
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    for (const name of ['Activate', 'Disable', 'Delete']) {
      assert.equal(await mirror(page).getByRole('checkbox', { name }).count(), 0, `${name} is no checkbox`);
      assert.equal(await mirror(page).getByRole('button', { name, exact: true }).count(), 0, `${name} is no button`);
    }
    const menu = await waitForChromiumNode(page, 'menu', 'More actions');
    assert.ok(menu, 'Chromium exposes the menu');

    await activate(page, 'menuitem', 'Delete');  // a screen reader picks it
    await snapshotMatching(mirror(page), [
      /- dialog "Delete this connector\?":[\s\S]*- button "Delete connector"\n\s+- button "Cancel"/,
    ]);
    const dialog = await waitForChromiumNode(page, 'dialog', 'Delete this connector?');
    assert.equal(dialog.modal, true, 'aria-modal');
    assert.equal(await mirror(page).getByRole('menu').count(), 0, 'the menu closed');

    await pressKey(page, 'Escape');  // leaves everything as it was
    await page.waitForFunction(() => !document.querySelector('#a11y-mirror [role=dialog]'));
    await page.context().close();
  });

  test('leaving with unsaved changes asks in a modal dialog with its two buttons', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Leave one', base_url: 'https://leave.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await clickItem(page, 'Base URL');
    await page.keyboard.press('End');
    await page.keyboard.type('/v2', { delay: 10 });
    await waitForItem(page, 'Unsaved changes');
    await clickItem(page, '← Data Hub');
    await snapshotMatching(mirror(page), [
      /- dialog "Unsaved changes":[\s\S]*- button "Discard changes"\n\s+- button "Keep editing"/,
    ]);
    const dialog = await waitForChromiumNode(page, 'dialog', 'Unsaved changes');
    assert.equal(dialog.modal, true, 'aria-modal');
    await activate(page, 'button', 'Keep editing');
    await page.waitForFunction(() => !document.querySelector('#a11y-mirror [role=dialog]'));
    await page.context().close();
  });

  test('Settings and History are tabs of a tab list; the choices are named radio groups', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Tabs one', base_url: 'https://tabs.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await snapshotMatching(mirror(page), [
      /- tablist "Connector views":\n\s+- tab "Settings" \[selected\]\n\s+- tab "History"\n/,
      /- radiogroup "Authentication":\n\s+- radio "No Auth" \[checked\]\n\s+- radio "API key"\n\s+- radio "Basic"\n\s+- radio "Bearer token"\n\s+- radio "OAuth 2.0"\n/,
    ]);
    const oauth = mirror(page).getByRole('radio', { name: 'OAuth 2.0', exact: true });
    assert.equal(await oauth.getAttribute('aria-checked'), 'false');
    assert.ok(await chromiumNode(page, 'radiogroup', 'Authentication'), 'Chromium exposes the group');

    await activate(page, 'radio', 'OAuth 2.0');
    await snapshotMatching(mirror(page), [
      /- radiogroup "Authentication":\n\s+- radio "No Auth"\n\s+- radio "API key"\n\s+- radio "Basic"\n\s+- radio "Bearer token"\n\s+- radio "OAuth 2.0" \[checked\]/,
      /- radiogroup "Grant type":\n\s+- radio "Client credentials" \[checked\]\n\s+- radio "Password grant"/,
    ]);

    await clickItem(page, 'History');
    await snapshotMatching(mirror(page), [
      /- tablist "Connector views":\n\s+- tab "Settings"\n\s+- tab "History" \[selected\]/,
    ]);
    await page.context().close();
  });

  test('the status filter is a radio group; the column headers say how the list is sorted', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Sort b', base_url: 'https://b.example.com' });
    const page = await hub.signedIn();
    await waitForItem(page, 'Sort b');
    await snapshotMatching(mirror(page), [
      /- radiogroup "Status filter":\n\s+- radio "All" \[checked\]\n\s+- radio "Active"\n\s+- radio "Disabled"/,
      /- table "Connectors":\n\s+- row [^\n]*\n\s+- columnheader "Name"/,
    ]);
    assert.ok(await chromiumNode(page, 'columnheader', 'Name'), 'Chromium exposes the header');
    await waitForSort(page, { Name: 'ascending', Type: 'none', 'Base URL': 'none', Status: 'none', Updated: 'none' });

    await clickItem(page, 'Name');
    await waitForSort(page, { Name: 'descending', Updated: 'none' });
    await clickItem(page, 'Updated');
    await waitForSort(page, { Name: 'none', Updated: 'ascending' });

    await activate(page, 'radio', 'Disabled');
    await snapshotMatching(mirror(page), [/- radio "All"\n\s+- radio "Active"\n\s+- radio "Disabled" \[checked\]/]);
    await typeInto(page, 'Search', 'sort');  // the table stays a table while searching
    await waitForSort(page, { Updated: 'ascending' });
    await page.context().close();
  });
});
