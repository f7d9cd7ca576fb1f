// People and access in the browser (docs/UI.md, "Sign in", "Header", "Roles", "Users", "API
// tokens"): the first administrator through the setup link, signing in and out with a password,
// a viewer who sees no edit buttons and is refused when trying anyway, and no credential in the
// browser's storage or the address bar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createConnector, createUser } from './lib/api.mjs';
import {
  clickItem, findItem, openPage, typeInto, uiScreen, waitForConsole, waitForItem, waitUntilGone,
} from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';
import { screenshot } from './lib/screenshot.mjs';

const storageIsEmpty = (page) =>
  page.evaluate(() => sessionStorage.length === 0 && localStorage.length === 0);

async function signIn(page, server, username, password) {
  await page.goto(`${server.url}/`);
  await waitForConsole(page, 'datahub: ready');
  assert.equal(await uiScreen(page), '#/login');
  await typeInto(page, 'Username', username);
  await typeInto(page, 'Password', password);
  await page.keyboard.press('Enter');
}

describe('People and access', () => {
  const hub = useDataHub();

  // First, while the store has no user: the server printed the setup link.
  test('the first administrator through the setup link', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const code = hub.server.log().match(/#setup=([A-Za-z0-9_-]+)/)?.[1];
    assert.ok(code, `the server printed a setup link:\n${hub.server.log()}`);
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/#setup=${code}`);
    await waitForConsole(page, 'datahub: ready');
    assert.equal(await uiScreen(page), '#/setup');
    assert.ok(!page.url().includes(code), 'the code left the address bar');
    await waitForItem(page, 'Create the first administrator');
    assert.equal((await findItem(page, 'Username')).focused, true, 'the first field has the focus');
    await page.keyboard.type('root', { delay: 10 });
    await typeInto(page, 'Display name', 'Root Admin');
    await typeInto(page, 'Password', 'root password 123');
    await typeInto(page, 'Confirm password', 'root password 12');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'Confirm password does not match the password');
    await screenshot(page, 'people-setup');
    await typeInto(page, 'Confirm password', '3');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'Root Admin · admin');
    assert.equal(await uiScreen(page), '#/connectors');
    assert.ok(await storageIsEmpty(page), 'no credential in the browser storage');
    await screenshot(page, 'people-header');
    await page.context().close();
  });

  test('sign in with a password, a wrong one refused, and sign out', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createUser(hub.server, { username: 'eddie', display_name: 'Eddie Editor', role: 'editor',
      password: 'eddie password 1' });
    const page = await openPage(hub.browser);
    await signIn(page, hub.server, 'eddie', 'not the password');
    await waitForItem(page, 'Wrong username or password.', { timeoutMs: 15000 });
    assert.equal(await uiScreen(page), '#/login');
    await screenshot(page, 'people-sign-in-refused');
    await typeInto(page, 'Password', 'eddie password 1');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'Eddie Editor · editor');
    assert.equal(await uiScreen(page), '#/connectors');
    assert.ok(await storageIsEmpty(page), 'no credential in the browser storage');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'datahub_session');
    assert.ok(session?.httpOnly, 'the session is an HttpOnly cookie');
    assert.equal(await page.evaluate(() => document.cookie), '', 'the page cannot read it');

    // A reload keeps the session (GET /api/session), and with it the CSRF token for changes.
    await page.reload();
    await page.waitForFunction(() => window.__ui !== undefined);
    await waitForItem(page, 'Eddie Editor · editor');
    await clickItem(page, 'Sign out');
    await waitForItem(page, 'You have signed out.');
    assert.equal(await uiScreen(page), '#/login');
    const status = await page.evaluate(async () => (await fetch('/api/connectors')).status);
    assert.equal(status, 401, 'the session ended on the server too');
    await page.context().close();
  });

  test('a viewer sees no edit buttons, and a direct attempt is refused', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const connector = await createConnector(hub.server, { name: 'Read only ERP', base_url: 'https://erp.example.com' });
    await createUser(hub.server, { username: 'vera', display_name: 'Vera Viewer', role: 'viewer',
      password: 'vera password 12' });
    const page = await openPage(hub.browser);
    await signIn(page, hub.server, 'vera', 'vera password 12');
    await waitForItem(page, 'Read only ERP');
    for (const label of ['Configure a new Connector', 'Import…', 'Export…', 'Users'])
      assert.equal(await findItem(page, label), undefined, `no ${label} for a viewer`);
    await clickItem(page, 'Read only ERP');
    await waitForItem(page, 'Read only: changing this connector needs the editor role.');
    for (const label of ['More actions', 'Test connection', 'Save'])
      assert.equal(await findItem(page, label), undefined, `no ${label} for a viewer`);
    assert.equal((await findItem(page, 'Connection name')).focused, false);
    await screenshot(page, 'people-viewer-connector');

    // The address of the new-connector form leads back to the Data Hub.
    await page.evaluate(() => { window.location.hash = '#/connectors/new'; });
    await page.waitForFunction(() => window.__ui.screen() === '#/connectors');

    // Trying anyway, with the session's own CSRF token: the server refuses by role.
    const answer = await page.evaluate(async (id) => {
      const s = await (await fetch('/api/session')).json();
      const r = await fetch(`/api/connectors/${id}`, {
        method: 'DELETE', headers: { 'X-CSRF-Token': s.csrf_token } });
      return { status: r.status, type: (await r.json()).type };
    }, connector.id);
    assert.equal(answer.status, 403);
    assert.match(answer.type, /forbidden/);
    await page.context().close();
  });

  test('an admin adds a user on the Users screen', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openPage(hub.browser);
    await signIn(page, hub.server, 'root', 'root password 123');
    await clickItem(page, 'Users');
    await waitForItem(page, 'Add user');
    await waitForItem(page, 'eddie');
    await clickItem(page, 'Add user');
    await waitForItem(page, 'Create user');
    assert.equal((await findItem(page, 'Username')).focused, true, 'the dialog opens on its first field');
    await page.keyboard.type('olive', { delay: 10 });
    await typeInto(page, 'Display name', 'Olive Operator');
    await clickItem(page, 'operator');
    await typeInto(page, 'Password', 'short');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'Password must be at least 12 characters');
    await screenshot(page, 'people-add-user');
    await typeInto(page, 'Password', ' but long enough');
    await page.keyboard.press('Enter');
    await waitForItem(page, 'olive');
    await waitUntilGone(page, 'Create user');
    await screenshot(page, 'people-users');
    await page.context().close();
  });

  test('the #token= link signs in and leaves no token in the address bar', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openPage(hub.browser);
    await page.goto(`${hub.server.url}/#token=${hub.server.token}`);
    await waitForConsole(page, 'datahub: ready');
    await waitForItem(page, 'Admin token · admin');
    assert.ok(!page.url().includes(hub.server.token), `no token in ${page.url()}`);
    assert.equal(new URL(page.url()).hash, '#/connectors');
    assert.ok(await storageIsEmpty(page), 'no credential in the browser storage');
    await page.context().close();
  });

  test('an API token is shown once with Copy, works, and is revoked', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await openPage(hub.browser);
    await signIn(page, hub.server, 'eddie', 'eddie password 1');
    await clickItem(page, 'API tokens');
    await clickItem(page, 'Create API token');
    await waitForItem(page, 'Create token');
    assert.equal((await findItem(page, 'Name')).focused, true, 'the dialog opens on its first field');
    assert.equal(await findItem(page, 'admin'), undefined, 'no role above one\'s own');
    await page.keyboard.type('nightly sync', { delay: 10 });
    await clickItem(page, 'operator');
    await clickItem(page, 'Create token');
    await waitForItem(page, 'Copy');
    await waitForItem(page, 'Copy it now: it will not be shown again. Keep it where its program reads it.');
    await screenshot(page, 'people-token-created');
    const secret = await page.evaluate(() =>
      [...document.querySelectorAll('input')].map((i) => i.value).find((v) => v.startsWith('dht_')));
    assert.ok(secret, 'the new token is readable once (the screen-reader mirror too)');
    const used = await fetch(`${hub.server.url}/api/connectors`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(used.status, 200, 'the token works');
    await clickItem(page, 'Done');
    await waitUntilGone(page, 'Copy');
    // Never shown again: gone from the canvas and, with the next mirror update, from the page.
    await page.waitForFunction(() =>
      ![...document.querySelectorAll('input')].some((i) => i.value.startsWith('dht_')));
    assert.ok(await storageIsEmpty(page), 'not kept in the browser storage either');
    await screenshot(page, 'people-tokens');
    await clickItem(page, 'Revoke nightly sync');
    await clickItem(page, 'Revoke token');
    await waitUntilGone(page, 'Revoke nightly sync');
    const refused = await fetch(`${hub.server.url}/api/connectors`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(refused.status, 401, 'a revoked token is refused');
    await page.context().close();
  });
});
