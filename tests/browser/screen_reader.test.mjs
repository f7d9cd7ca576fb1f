// What a screen reader gets from the Data Hub (docs/UI.md, "Keyboard" and "Screen-reader mirror"):
// the canvas is opaque to it, so a hidden DOM mirror of the screen (assets/a11y_mirror.js) names
// each field by its caption, with its value and its error, follows the focus, announces toasts,
// never holds a secret, and passes a screen reader's click on to the canvas. Read from the
// accessibility tree Chromium builds (playwright's ariaSnapshot, and Chromium's own tree over
// the DevTools protocol), as assistive technology reads it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { activate, mirror, snapshotMatching } from './lib/a11y.mjs';
import { api, createConnector } from './lib/api.mjs';
import { clickItem, pressKey, typeInto, waitForFocus, waitForItem } from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// Chromium's accessibility tree: the focused node, with its name, value, description, invalid.
async function focusedNode(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
    // The document is focused too: the focused node is the innermost one.
    const node = nodes.filter((n) => !n.ignored && prop(n, 'focused') === true)
      .find((n) => n.role?.value !== 'RootWebArea');
    if (!node) return undefined;
    return {
      role: node.role?.value, name: node.name?.value, value: node.value?.value,
      description: node.description?.value, invalid: prop(node, 'invalid'),
    };
  } finally {
    await cdp.detach();
  }
}

// Waits until Chromium's focused node is named `name` and has the `expected` fields (the mirror
// follows a screen that changes every frame within 100 ms).
async function waitForFocusedNode(page, name, expected = {}, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  const fits = (node) => node?.name === name &&
    Object.entries(expected).every(([key, value]) => node[key] === value);
  let node;
  while (Date.now() < deadline) {
    node = await focusedNode(page);
    if (fits(node)) return node;
    await page.waitForTimeout(50);
  }
  throw new Error(`Chromium's focused node is not "${name}" ${JSON.stringify(expected)}: ` +
                  JSON.stringify(node));
}

describe('Screen reader', () => {
  const hub = useDataHub();

  test('the focused field is named by its caption, with its value, then its error', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForFocus(page, 'Connection name');
    await pressKey(page, 'Tab');
    await page.keyboard.type('ftp://x', { delay: 10 });
    await waitForFocusedNode(page, 'Base URL', { role: 'textbox', value: 'ftp://x' });
    await pressKey(page, 'Tab');  // leaves the field: it is judged
    await waitForItem(page, 'Base URL must use http or https');
    await waitForFocusedNode(page, 'Timeout (ms)');
    await snapshotMatching(mirror(page), [
      /- textbox "Base URL" \[invalid\]: ftp:\/\/x/, /- paragraph: Base URL must use http or https/,
      /- heading "Configure a new Connector" \[level=1\]/, /- heading "Connection" \[level=2\]/,
      /- button "Create"/,
    ]);
    // The error is the field's description in Chromium's tree, as a screen reader reads it.
    await clickItem(page, 'Base URL');
    await waitForFocusedNode(page, 'Base URL', {
      role: 'textbox', value: 'ftp://x', description: 'Base URL must use http or https', invalid: 'true',
    });
    // The canvas is named and does not hide the mirror.
    await snapshotMatching(page.locator('body'), [/- img "Data Hub screen"/]);
    await page.context().close();
  });

  test('a screen reader creates a connector and hears the toast once', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    await waitForFocus(page, 'Connection name');
    await page.keyboard.type('Read aloud', { delay: 10 });
    await pressKey(page, 'Tab');
    await page.keyboard.type('https://aloud.example.com', { delay: 10 });
    await activate(page, 'button', 'Create');  // no mouse, no Enter: the mirror's button
    await waitForItem(page, 'Connector created');
    const live = page.locator('#a11y-live');
    await live.getByText('Connector created').waitFor({ state: 'attached' });
    await snapshotMatching(live, [/- status:\s*(- paragraph: )?Connector created/]);
    assert.equal(await live.getByText('Connector created').count(), 1, 'announced once');
    const { items } = await api(hub.server, 'GET', '/api/connectors?q=aloud');
    assert.equal(items.length, 1);
    assert.equal(items[0].base_url, 'https://aloud.example.com');
    await page.context().close();
  });

  test('a secret is never in the mirror: only whether it is stored or typed', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const created = await createConnector(hub.server, {
      name: 'Keeps a secret', base_url: 'https://secret.example.com',
      headers: [{ name: 'X-Api-Key', value: 'never-read-aloud', secret: true }],
    });
    const page = await hub.signedIn({ hash: `#/connectors/${created.id}` });
    await waitForItem(page, 'Header 1 value');
    await mirror(page).getByRole('textbox', { name: 'Header 1 value' }).waitFor({ state: 'attached' });
    await snapshotMatching(mirror(page), [/- textbox "Header 1 value": stored/]);
    await activate(page, 'radio', 'OAuth 2.0');
    await waitForItem(page, 'Client secret');
    await typeInto(page, 'Client secret', 'typed-s3cret');
    await waitForFocusedNode(page, 'Client secret', { value: 'entered, hidden' });
    await snapshotMatching(page.locator('body'), [/- textbox "Client secret": entered, hidden/]);
    const html = await page.content();
    assert.ok(!html.includes('typed-s3cret') && !html.includes('never-read-aloud'), 'no secret in the page');
    await page.context().close();
  });
});
