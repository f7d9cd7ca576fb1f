// The set-up most browser tests share, as before/after hooks of the calling describe (or file):
// a datahub-server with a new data directory, optionally a local upstream and some seeded
// connectors, and a headless Chromium; all stopped afterwards. The returned object is filled
// in when the hooks have run:
//
//   const hub = useDataHub({ extraArgs: ['--allow-private-networks'], upstream: startUpstream });
//   test('...', async () => { const page = await hub.signedIn({ hash: '#/connectors/new' }); });
import { after, before } from 'node:test';

import { launchBrowser, openSignedIn } from './browser.mjs';
import { startServer } from './server.mjs';

// extraArgs: for datahub-server. upstream: a function starting a local upstream ({ url,
// close() }). seed(server): adds data before the browser starts. anyServer: start the browser
// even when only the static stand-in server runs (tests that need no API).
export function useDataHub({ extraArgs = [], upstream, seed, anyServer = false } = {}) {
  const hub = {
    server: undefined,
    browser: undefined,
    upstream: undefined,
    // Whether the real server runs (tests needing the API skip without it).
    get isDatahub() { return hub.server?.kind === 'datahub-server'; },
    signedIn: (options) => openSignedIn(hub.browser, hub.server, options),
  };
  before(async () => {
    hub.server = await startServer({ extraArgs });
    if (!hub.isDatahub && !anyServer) return;
    if (hub.isDatahub && upstream) hub.upstream = await upstream();
    if (hub.isDatahub && seed) await seed(hub.server);
    hub.browser = await launchBrowser();
  });
  after(async () => {
    await hub.browser?.close();
    await hub.server?.stop();
    hub.upstream?.close();
  });
  return hub;
}
