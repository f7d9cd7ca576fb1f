// Issue 14 ("Operating the Data Hub"): the Data Hub's Export… and Import… dialogs. Connectors
// exported with a passphrase, deleted, and imported from the downloaded file come back disabled,
// with their secrets: Test connection works without typing them again. A sealed file imported
// without its passphrase is refused under the field; a file that is not JSON is refused before
// anything is sent. What was stored is read back from the API, never from the app.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { mirror, snapshotMatching } from './lib/a11y.mjs';
import { api, createConnector } from './lib/api.mjs';
import {
  clickItem, findItem, focusedLabel, moveFocus, pressKey, tabTo, uiItems, waitForFocus, waitForItem,
  waitUntilGone,
} from './lib/browser.mjs';
import { useDataHub } from './lib/data_hub.mjs';
import { screenshot } from './lib/screenshot.mjs';

const CLIENT_SECRET = 'cl1ent-s3cret-value';
const API_KEY = 'k3y-header-value';
const PASSPHRASE = 'correct horse battery staple';

// An OAuth 2.0 token endpoint and an API on loopback that insist on the secrets: the token only
// for the right client secret, the data only with the token and the secret header.
function startSecretUpstream() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        if (req.url.startsWith('/token')) {
          const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
          const ok = auth === `hub:${CLIENT_SECRET}` || new URLSearchParams(body).get('client_secret') === CLIENT_SECRET;
          res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(ok ? { access_token: 'tok-123', token_type: 'Bearer', expires_in: 3600 }
            : { error: 'invalid_client' }));
          return;
        }
        const ok = req.headers.authorization === 'Bearer tok-123' && req.headers['x-api-key'] === API_KEY;
        res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(ok ? { items: [] } : { error: 'missing secrets' }));
      });
    });
    srv.listen(0, '127.0.0.1', () => {
      srv.url = `http://127.0.0.1:${srv.address().port}`;
      resolve(srv);
    });
  });
}

const tmp = mkdtempSync(path.join(tmpdir(), 'datahub-transfer-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// The status drawn on the row of `name` (inside the row's rectangle).
async function rowStatus(page, name) {
  const items = await uiItems(page);
  const row = items.find((i) => i.label === name && i.window === 'Data Hub');
  if (!row) return undefined;
  return items.find((i) => i.window === 'Data Hub' && ['Active', 'Disabled'].includes(i.label) &&
                           i.y >= row.y && i.y + i.h <= row.y + row.h)?.label;
}

async function chooseFile(page, files) {
  const chooser = page.waitForEvent('filechooser');
  await clickItem(page, 'Choose file…');
  await (await chooser).setFiles(files);
}

describe('Export and import', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startSecretUpstream });

  test('exported with a passphrase, deleted, imported: back, disabled, secrets included', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const up = hub.upstream.url;
    const secretOne = await createConnector(hub.server, {
      name: 'Alpha OAuth', base_url: `${up}/data`,
      auth: { method: 'oauth2', grant_type: 'client_credentials', token_url: `${up}/token`,
              client_id: 'hub', client_secret: CLIENT_SECRET },
      headers: [{ name: 'X-Api-Key', value: API_KEY, secret: true }],
    });
    const plainOne = await createConnector(hub.server, { name: 'Beta plain', base_url: `${up}/plain` });
    const page = await hub.signedIn();
    await waitForItem(page, 'Beta plain');

    // Export: the dialog opens with the focus in the passphrase; Enter there exports.
    await clickItem(page, 'Export…');
    await waitForFocus(page, 'Passphrase');
    await snapshotMatching(mirror(page), [
      /- dialog "Export connectors":[\s\S]*- textbox "Passphrase"[\s\S]*- button "Export"\n\s+- button "Cancel"/,
    ]);
    await page.keyboard.type('too short', { delay: 5 });
    await pressKey(page, 'Enter');
    await waitForItem(page, 'Passphrase must be at least 12 characters, or empty to leave the secrets out');
    await screenshot(page, 'transfer-export-short-passphrase');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PASSPHRASE, { delay: 5 });
    const download = page.waitForEvent('download');
    await pressKey(page, 'Enter');
    const file = await download;
    assert.match(file.suggestedFilename(), /^datahub-connectors-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = path.join(tmp, file.suggestedFilename());
    await file.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    const doc = JSON.parse(text);
    assert.equal(doc.format, 'datahub-connectors/1');
    assert.deepEqual(doc.connectors.map((c) => c.name), ['Alpha OAuth', 'Beta plain']);
    assert.ok(doc.sealed, 'sealed with the passphrase');
    assert.ok(!text.includes(CLIENT_SECRET) && !text.includes(API_KEY), 'no secret in clear');
    await waitForItem(page, 'Exported 2 connectors, secrets sealed');
    await waitUntilGone(page, 'Export connectors');

    // Both gone from the server.
    await api(hub.server, 'DELETE', `/api/connectors/${secretOne.id}`);
    await api(hub.server, 'DELETE', `/api/connectors/${plainOne.id}`);

    // Import the downloaded file with the passphrase.
    await clickItem(page, 'Import…');
    await waitForFocus(page, 'Choose file…');
    await chooseFile(page, saved);
    await waitForItem(page, file.suggestedFilename());
    await clickItem(page, 'Passphrase');
    await page.keyboard.type(PASSPHRASE, { delay: 5 });
    await clickItem(page, 'Import', { window: 'Import connectors' });
    await waitForItem(page, '2 created · 0 replaced · 0 skipped · 0 not imported', { timeoutMs: 15000 });
    await waitForItem(page, 'Created: Alpha OAuth, Beta plain');
    await waitForItem(page, 'Imported connectors start Disabled: activate each one once its connection works.');
    await snapshotMatching(mirror(page), [
      /- dialog "Import connectors":[\s\S]*- button "Choose file…"[\s\S]*- textbox "Passphrase"[\s\S]*- radiogroup "When a connector of the same name exists"[\s\S]*- radio "Fail on conflict \(default\)" \[checked\][\s\S]*2 created · 0 replaced · 0 skipped · 0 not imported[\s\S]*- button "Import"\n\s+- button "Close"/,
    ]);
    await screenshot(page, 'transfer-import-report');

    // Stored again, disabled, with their secrets (set, never shown).
    const { items } = await api(hub.server, 'GET', '/api/connectors');
    assert.deepEqual(items.map((c) => [c.name, c.status]), [['Alpha OAuth', 'disabled'], ['Beta plain', 'disabled']]);
    const alpha = await api(hub.server, 'GET', `/api/connectors/${items[0].id}`);
    assert.equal(alpha.auth.client_secret_set, true);
    assert.deepEqual(alpha.headers, [{ name: 'X-Api-Key', secret: true, value_set: true }]);

    // Escape closes the dialog; the list shows them, disabled.
    await pressKey(page, 'Escape');
    await waitUntilGone(page, 'Import connectors');
    await waitForItem(page, 'Alpha OAuth', { window: 'Data Hub' });
    assert.equal(await rowStatus(page, 'Alpha OAuth'), 'Disabled');
    // (The probe names text by its content: Beta's row's "Disabled" is the same item as Alpha's;
    // the status filter tells instead.)
    await clickItem(page, 'Active', { window: 'Data Hub' });
    await waitForItem(page, '0 of 2 connectors');
    await clickItem(page, 'Disabled', { window: 'Data Hub' });
    await waitForItem(page, '2 of 2 connectors');
    await clickItem(page, 'All', { window: 'Data Hub' });
    await waitForItem(page, '2 connectors');

    // The secrets came back: Test connection works without typing them again.
    await clickItem(page, 'Alpha OAuth', { window: 'Data Hub' });
    await clickItem(page, 'Test connection');
    await waitForItem(page, 'Connection works', { timeoutMs: 15000 });
    await page.context().close();
  });

  test('a sealed file without its passphrase is refused under the field', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    await createConnector(hub.server, {
      name: 'Gamma keyed', base_url: 'https://gamma.example.com',
      headers: [{ name: 'X-Api-Key', value: API_KEY, secret: true }],
    });
    const doc = await api(hub.server, 'POST', '/api/connectors/export', { ids: null, passphrase: PASSPHRASE });
    const page = await hub.signedIn();
    await clickItem(page, 'Import…');
    await waitForFocus(page, 'Choose file…');
    await chooseFile(page, { name: 'sealed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await waitForItem(page, 'sealed.json');
    await clickItem(page, 'Skip existing');
    await clickItem(page, 'Import', { window: 'Import connectors' });
    const message = 'Passphrase is needed: this document\'s secrets are sealed (remove its "sealed" member ' +
                    'and each "sealed_secrets" to import it without them)';
    await waitForItem(page, message);
    // Said with the field to a screen reader: the field is invalid, described by the message.
    const field = mirror(page).getByRole('textbox', { name: 'Passphrase', exact: true });
    await page.waitForFunction(() => document.querySelector('#a11y-mirror [aria-invalid="true"]'));
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await findItem(page, 'Validation failed (HTTP 422)'), undefined, 'said once, under the field');
    await screenshot(page, 'transfer-import-passphrase-needed');

    // A wrong one: said under the field too.
    await clickItem(page, 'Passphrase');
    await page.keyboard.type('not the right passphrase', { delay: 5 });
    await clickItem(page, 'Import', { window: 'Import connectors' });
    await waitForItem(page, 'Passphrase does not open this document\'s secrets', { timeoutMs: 15000 });
    await page.context().close();
  });

  test('a file that is not JSON is refused before anything is sent', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn();
    const requests = [];
    page.on('request', (r) => { if (r.url().includes('/import')) requests.push(r.url()); });
    await clickItem(page, 'Import…');
    await chooseFile(page, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('name,url\nERP,https://erp\n') });
    await waitForItem(page, '“notes.txt” is not a JSON file. Choose a file saved by Export.');
    await clickItem(page, 'Import', { window: 'Import connectors' });
    await page.waitForTimeout(300);
    assert.deepEqual(requests, []);
    await screenshot(page, 'transfer-import-not-json');
    await pressKey(page, 'Escape');
    await waitUntilGone(page, 'Import connectors');
    await page.context().close();
  });

  test('keyboard: Tab stays in the dialog in screen order, Escape closes it', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn();
    await clickItem(page, 'Export…');
    await waitForFocus(page, 'Passphrase');
    await screenshot(page, 'transfer-export-dialog');
    assert.equal(await moveFocus(page, 'Tab'), 'Export');
    assert.equal(await moveFocus(page, 'Tab'), 'Cancel');
    await pressKey(page, 'Escape');
    await waitUntilGone(page, 'Export connectors');

    await clickItem(page, 'Import…');
    await waitForFocus(page, 'Choose file…');
    await screenshot(page, 'transfer-import-dialog');
    assert.equal(await moveFocus(page, 'Tab'), 'Passphrase');
    assert.equal(await moveFocus(page, 'Tab'), 'Fail on conflict (default)');
    assert.deepEqual(await tabTo(page, 'Import'), ['Skip existing', 'Replace existing', 'Import']);
    await pressKey(page, 'Enter');  // Enter on the focused primary button acts
    await waitForItem(page, 'Choose an export file first.');
    await pressKey(page, 'Escape');
    await waitUntilGone(page, 'Import connectors');
    assert.notEqual(await focusedLabel(page), 'Passphrase');
    await page.context().close();
  });
});
