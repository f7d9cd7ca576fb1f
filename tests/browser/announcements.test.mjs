// Issue 17 ("screen reader"), the review's missing announcements: what the live regions of the
// mirror say, as a screen reader hears it. A toast with the same text as the one before is said
// again; a refused Create (the form's own rules, a name taken) or test (a destination not allowed) is said
// as an alert; "Created as Disabled" is said with the offer to activate; the list's count is said
// when a search or the filter changes it, once typing settles, not at every key.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  activate, announcements, recordAnnouncements, snapshotMatching, waitForAnnouncement,
} from './lib/a11y.mjs';
import { createConnector } from './lib/api.mjs';
import { clickItem, typeInto, waitForFocus, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

const live = (page) => page.locator('#a11y-live');
const alerts = (page) => page.locator('#a11y-alert');

describe('Announcements', () => {
  const hub = useDataHub();

  test('a toast with the same text as the one before is said again', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, { name: 'Twice saved', base_url: 'https://twice.example.com' });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Settings');
    await recordAnnouncements(page);
    for (const [n, suffix] of [[1, '/a'], [2, '/b']]) {
      await clickItem(page, 'Base URL');
      await page.keyboard.press('End');
      await page.keyboard.type(suffix, { delay: 10 });
      await waitForItem(page, 'Unsaved changes');
      await clickItem(page, 'Save');
      await waitForAnnouncement(page, /^Connector saved$/, { region: 'status', count: n });
    }
    // Both toasts are on screen at once, and both are in the status region.
    await snapshotMatching(live(page), [/- status:[\s\S]*Connector saved[\s\S]*Connector saved/]);
    await page.context().close();
  });

  test('a refused Create is said as an alert, every time, with what to fix', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Taken name', base_url: 'https://taken.example.com' });
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForFocus(page, 'Connection name');
    await recordAnnouncements(page);
    const rules = /^Not created: 2 fields are not valid\. Connection name is required\. Base URL is required\.$/;
    await clickItem(page, 'Create');  // an empty form: the form's own rules refuse it
    await waitForAnnouncement(page, rules, { region: 'alert' });
    await snapshotMatching(alerts(page), [/- alert:[\s\S]*Not created: 2 fields are not valid/]);
    await clickItem(page, 'Create');  // the same refusal again is said again
    await waitForAnnouncement(page, rules, { region: 'alert', count: 2 });

    await typeInto(page, 'Connection name', 'Taken name');
    await typeInto(page, 'Base URL', 'https://mine.example.com');
    await clickItem(page, 'Create');  // the server refuses: 409
    await waitForAnnouncement(page, /^Name already taken \(HTTP 409\)/, { region: 'alert' });

    // The server refuses to reach a private address (Destination not allowed, 403): the test's
    // request step says so, and a screen reader hears it with the reason.
    await clickItem(page, 'Base URL');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('http://127.0.0.1:9/private', { delay: 5 });
    await clickItem(page, 'Test connection');
    await waitForAnnouncement(page, new RegExp('^Connection failed\\. Request: No answer\\. The address ' +
      '127\\.0\\.0\\.1 is a loopback address; outbound requests there are not allowed'), { region: 'status' });
    await page.context().close();
  });

  test('after Create, "Created as Disabled" is said with the offer to activate it', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForFocus(page, 'Connection name');
    await recordAnnouncements(page);
    await page.keyboard.type('Fresh and quiet', { delay: 10 });
    await typeInto(page, 'Base URL', 'https://quiet.example.com');
    await clickItem(page, 'Create');
    await waitForAnnouncement(page, /^Connector created$/, { region: 'status' });
    await waitForAnnouncement(page, /^Created as Disabled: no import or export uses it yet\. .*Activate now/,
      { region: 'status' });
    await snapshotMatching(live(page), [/- status:[\s\S]*Created as Disabled/]);
    await page.context().close();
  });

  test('the count is said when a search or the filter changes it, once typing settles', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    for (const [name, base] of [['Count erp one', 'https://erp1.example.com'],
      ['Count erp two', 'https://erp2.example.com'], ['Count pim', 'https://pim.example.com']]) {
      await createConnector(hub.server, { name, base_url: base });
    }
    const page = await hub.signedIn();
    await waitForItem(page, 'Count pim');
    await recordAnnouncements(page);
    const counts = async () => (await announcements(page)).filter((s) => /connectors?$/.test(s.text));
    // Typed slowly: each letter's search comes back before the next letter, with its own count.
    await clickItem(page, 'Search');
    for (const letter of 'count e') {
      await page.keyboard.type(letter);
      await page.waitForTimeout(400);
    }
    await page.keyboard.type('rp');
    await waitForAnnouncement(page, /^2 of \d+ connectors$/, { region: 'status' });
    await page.waitForTimeout(1500);
    assert.equal((await counts()).length, 1, `said once: ${JSON.stringify(await counts())}`);

    await activate(page, 'radio', 'Active');  // all are Disabled
    await waitForAnnouncement(page, /^0 of \d+ connectors$/, { region: 'status' });
    await page.context().close();
  });
});
