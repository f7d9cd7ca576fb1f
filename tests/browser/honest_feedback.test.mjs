// Results and errors belong to the settings they were made with (docs/UI.md, "Test panel"): once
// the form changes, a test result reads as outdated and a refused create's banner goes; every
// field error sits under its field, also when a test is what found it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector } from './lib/api.mjs';
import {
  clickItem, findItem, typeInto, uiItems, waitForItem, waitForPrefix, waitUntilGone,
} from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';
import { startUpstream } from './lib/upstream.mjs';

describe('Honest feedback', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startUpstream });

  test('a passing test reads as outdated once the Base URL changes', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await typeInto(page, 'Connection name', 'Tested then moved');
    await typeInto(page, 'Base URL', hub.upstream.url);
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Connection works');
    await clickItem(page, 'Base URL');
    await page.keyboard.press('End');
    await page.keyboard.type('/other', { delay: 10 });
    await waitForPrefix(page, 'Outdated: the connection worked with earlier settings');
    assert.equal(await findItem(page, 'Connection works'), undefined);
    await screenshot(page, 'test-result-outdated');
    await page.context().close();
  });

  test('fixing a taken name removes the banner; nothing else is left from earlier attempts', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, { name: 'Already here', base_url: 'https://a.example.com' });
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await clickItem(page, 'Test connection');  // an empty form first
    await waitForItem(page, 'Connection name is required');
    await typeInto(page, 'Connection name', 'already HERE');
    await typeInto(page, 'Base URL', 'https://b.example.com');
    await clickItem(page, 'Create');
    await waitForItem(page, 'Name already taken (HTTP 409)');
    await clickItem(page, 'Connection name');
    await page.keyboard.press('End');
    await page.keyboard.type(' too', { delay: 10 });
    await waitUntilGone(page, 'Name already taken (HTTP 409)');
    const labels = (await uiItems(page)).map((i) => i.label);
    assert.ok(!labels.some((l) => /not valid|Validation failed|already used/.test(l)),
      `nothing stale is shown: ${JSON.stringify(labels)}`);
    await page.context().close();
  });

  test('testing an empty form marks each field that needs a value, under the field', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Connection name is required');
    await waitForItem(page, 'Base URL is required');
    const items = await uiItems(page);
    const at = (label) => items.find((i) => i.label === label);
    assert.ok(at('Connection name is required').y > at('Connection name').y);
    assert.ok(at('Connection name is required').y < at('Base URL').y);
    assert.ok(at('Base URL is required').y > at('Base URL').y);
    assert.ok(!items.some((i) => /fields? (is|are) not valid/.test(i.label)),
      'no count of invalid fields without marking them');
    await page.context().close();
  });
});
