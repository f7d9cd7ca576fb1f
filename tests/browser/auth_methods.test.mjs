// Every static authentication method, created through the form as a person would: API key in a
// header, API key in the query, Basic and Bearer token. Test connection runs against an upstream
// on loopback that records what arrived, so the test checks the exact credential the server sent;
// then the API says what was stored: the settings, `*_set: true`, and never the secret itself.
// One page for all four (the browser stage runs serially in CI).
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';

import { api } from './lib/api.mjs';
import {
  clickItem, scrollIntoView, typeInto, waitForItem, waitForPrefix,
} from './lib/browser.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { useDataHub } from './lib/data_hub.mjs';

// An upstream that answers 200 and records, per path, the credential-bearing parts of each
// request: Authorization, X-API-Key and the query string.
function startRecordingUpstream() {
  return new Promise((resolve) => {
    const seen = new Map();
    const srv = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://upstream');
      seen.set(url.pathname, {
        authorization: req.headers.authorization,
        apiKey: req.headers['x-api-key'],
        query: Object.fromEntries(url.searchParams),
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
    srv.seen = seen;
    srv.listen(0, '127.0.0.1', () => {
      srv.url = `http://127.0.0.1:${srv.address().port}`;
      resolve(srv);
    });
  });
}

const byName = async (server, name) =>
  (await api(server, 'GET', `/api/connectors?q=${encodeURIComponent(name)}`)).items
    .find((c) => c.name === name);

const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

// What the form is given, what the upstream must receive, and what the API must store.
const methods = [
  {
    name: 'Key in header', path: '/header-key', radio: 'API key',
    fill: [['Name', 'X-API-Key'], ['Key', 'hdr-k3y-0123456789']],
    received: { authorization: undefined, apiKey: 'hdr-k3y-0123456789', query: {} },
    stored: { method: 'api_key', in: 'header', name: 'X-API-Key', value_set: true },
    secret: 'hdr-k3y-0123456789',
  },
  {
    name: 'Key in query', path: '/query-key', radio: 'API key', choose: 'Query parameter',
    fill: [['Name', 'api_key'], ['Key', 'qry-k3y-0123456789']],
    received: { authorization: undefined, apiKey: undefined, query: { api_key: 'qry-k3y-0123456789' } },
    stored: { method: 'api_key', in: 'query', name: 'api_key', value_set: true },
    secret: 'qry-k3y-0123456789',
  },
  {
    name: 'Basic auth', path: '/basic', radio: 'Basic',
    fill: [['Username', 'svc-hub'], ['Password', 'pa55-word-basic']],
    received: { authorization: basic('svc-hub', 'pa55-word-basic'), apiKey: undefined, query: {} },
    stored: { method: 'basic', username: 'svc-hub', password_set: true },
    secret: 'pa55-word-basic',
  },
  {
    name: 'Bearer auth', path: '/bearer', radio: 'Bearer token',
    fill: [['Token', 'b3arer.tok-0123456789']],
    received: { authorization: 'Bearer b3arer.tok-0123456789', apiKey: undefined, query: {} },
    stored: { method: 'bearer', token_set: true },
    secret: 'b3arer.tok-0123456789',
  },
];

describe('Authentication methods', () => {
  const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startRecordingUpstream });

  test('each method made in the form sends exactly its credential and is stored write-only', async (t) => {
    if (!hub.isDatahub) return t.skip('datahub-server not built');
    const page = await hub.signedIn({ hash: '#/connectors/new' });
    for (const m of methods) {
      await waitForItem(page, 'Connection name');
      await typeInto(page, 'Connection name', m.name);
      await typeInto(page, 'Base URL', hub.upstream.url + m.path);
      await clickItem(page, m.radio);
      if (m.choose) await clickItem(page, m.choose);
      if (m === methods[0]) {
        // Nothing typed yet: Create is refused by the shared rules, each message under its field.
        await clickItem(page, 'Create');
        await waitForItem(page, 'Key is required for an API key');
        await waitForItem(page, 'Name is required');
        await screenshot(page, 'auth-api-key-refused');
      }
      for (const [field, text] of m.fill) await typeInto(page, field, text);

      await clickItem(page, 'Test connection');
      await waitForItem(page, 'Connection works');
      assert.deepEqual(hub.upstream.seen.get(m.path), m.received, m.name);

      await clickItem(page, 'Create');
      await waitForItem(page, 'Connector created');
      await page.waitForFunction(() => /^#\/connectors\/c/.test(window.__ui.screen()));
      // Manage shows the stored secret with the time it changed (from the history), not its value.
      await waitForPrefix(page, 'stored · changed ');
      if (m.radio === 'Basic') {
        await scrollIntoView(page, 'Password');
        await screenshot(page, 'auth-basic-stored');
      }
      const { id } = await byName(hub.server, m.name);
      const full = await api(hub.server, 'GET', `/api/connectors/${id}`);
      assert.deepEqual(full.auth, m.stored, m.name);
      assert.ok(!JSON.stringify(full).includes(m.secret), `${m.name}: no secret in the answer`);

      await clickItem(page, '← Data Hub');
      await clickItem(page, 'Configure a new Connector');
    }
    await page.context().close();
  });
});
