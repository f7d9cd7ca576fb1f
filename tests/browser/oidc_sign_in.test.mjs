// Issue 12, OIDC sign-in (docs/API.md, "OIDC sign-in"): Chromium goes from the server's
// /api/session/sso through the certified oidc-provider's login and consent pages and back; the
// session it lands with has the role the IdP's groups give. A hand-made IdP then answers what a
// certified one never does (another nonce, a payload changed after signing), and a forged or
// unbound state is refused.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { launchBrowser } from './lib/browser.mjs';
import { certifiedIdp, fakeIdp } from './lib/oidc_idp.mjs';
import { startServer } from './lib/server.mjs';

const clientSecret = `secret-${randomBytes(16).toString('hex')}`;

async function startRelyingParty(issuer, roles = 'admin=datahub-admins,editor=datahub-editors') {
  return startServer({
    extraArgs: ['--oidc-issuer', issuer, '--oidc-client-id', 'hub', '--oidc-roles', roles],
    env: { DATAHUB_OIDC_CLIENT_SECRET: clientSecret },
  });
}

// What the server's callback redirected to (its Location), however the page then changes it.
async function signInThroughIdp(browser, server, login) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const callback = page.waitForResponse(
    (r) => r.url().startsWith(`${server.url}/api/session/sso/callback`), { timeout: 30000 });
  await page.goto(`${server.url}/api/session/sso`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any password will do');
  await page.click('button:has-text("Sign-in")');
  await page.click('button:has-text("Continue")');  // the consent page
  const location = (await callback).headers().location;
  if (location === '/') await page.waitForURL(`${server.url}/**`);
  return { context, page, location };
}

// A request from the signed-in page, with its cookie (and CSRF token for changes).
const pageFetch = (page, path) => page.evaluate(async (p) => {
  const r = await fetch(p);
  return { status: r.status, body: await r.json().catch(() => null) };
}, path);

const adminFetch = (server, path, init = {}) => fetch(`${server.url}${path}`, {
  ...init,
  headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json',
             ...(init.headers ?? {}) },
});

describe('OIDC sign-in through the certified oidc-provider', () => {
  const accounts = {
    alice: { name: 'Alice Admin', groups: ['datahub-admins', 'staff'] },
    bob: { name: 'Bob Nogroup', groups: [] },
    carol: { name: 'Carol Clash', groups: ['datahub-admins'] },
    dave: { name: 'Dave Disabled', groups: [] },
  };
  let idp;
  let server;
  let browser;

  before(async () => {
    idp = await certifiedIdp({ clientSecret, accounts });
    server = await startRelyingParty(idp.issuer);
    idp.configure(`${server.url}/api/session/sso/callback`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.stop();
  });

  test('the sign-in options say SSO is offered', async () => {
    const r = await fetch(`${server.url}/api/session/options`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { sso: true });
  });

  test('the trip to the IdP carries PKCE S256, state and nonce', async () => {
    const r = await fetch(`${server.url}/api/session/sso`, { redirect: 'manual' });
    assert.equal(r.status, 302);
    const to = new URL(r.headers.get('location'));
    assert.equal(to.origin, idp.issuer);
    assert.equal(to.searchParams.get('response_type'), 'code');
    assert.equal(to.searchParams.get('client_id'), 'hub');
    assert.equal(to.searchParams.get('redirect_uri'), `${server.url}/api/session/sso/callback`);
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    // oidc-provider's discovery lists no "groups" scope here: the groups come with profile.
    assert.equal(to.searchParams.get('scope'), 'openid profile');
    assert.match(to.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
    assert.ok(to.searchParams.get('nonce').length >= 32);
    const state = to.searchParams.get('state');
    assert.match(r.headers.get('set-cookie'),
      new RegExp(`^datahub_sso=${state}; HttpOnly; SameSite=Lax; Path=/api/session/sso`));
  });

  test('a user in the admin group signs in as admin and can manage users', async () => {
    const { context, page, location } = await signInThroughIdp(browser, server, 'alice');
    try {
      assert.equal(location, '/', server.log());
      const session = await pageFetch(page, '/api/session');
      assert.equal(session.status, 200);
      assert.equal(session.body.user.username, 'alice');
      assert.equal(session.body.user.display_name, 'Alice Admin');
      assert.equal(session.body.user.role, 'admin');
      const users = await pageFetch(page, '/api/users');
      assert.equal(users.status, 200);
      assert.ok(users.body.items.some((u) => u.username === 'alice'));
    } finally {
      await context.close();
    }
  });

  test('a user in no group gets viewer and is refused the users', async () => {
    const { context, page, location } = await signInThroughIdp(browser, server, 'bob');
    try {
      assert.equal(location, '/', server.log());
      const session = await pageFetch(page, '/api/session');
      assert.equal(session.body.user.role, 'viewer');
      assert.equal((await pageFetch(page, '/api/users')).status, 403);
    } finally {
      await context.close();
    }
  });

  test('the role follows the groups at the next sign-in, and the same user is signed in', async () => {
    const users = async () => (await (await adminFetch(server, '/api/users')).json()).items;
    const before = (await users()).filter((u) => u.username === 'bob');
    accounts.bob.groups = ['datahub-editors'];
    const { context, page, location } = await signInThroughIdp(browser, server, 'bob');
    try {
      assert.equal(location, '/', server.log());
      assert.equal((await pageFetch(page, '/api/session')).body.user.role, 'editor');
      const now = (await users()).filter((u) => u.username === 'bob');
      assert.equal(now.length, 1);
      assert.equal(now[0].id, before[0].id);
    } finally {
      accounts.bob.groups = [];
      await context.close();
    }
  });

  test('a local user of the same username is not taken over', async () => {
    const made = await adminFetch(server, '/api/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'carol', display_name: 'Local Carol', role: 'viewer',
                             password: 'a local password 123' }),
    });
    assert.equal(made.status, 201);
    const { context, location } = await signInThroughIdp(browser, server, 'carol');
    await context.close();
    assert.equal(location, '/#sso_error=username_taken');
    assert.match(server.log(), /OIDC sign-in refused \(username_taken\)/);
    const carol = (await (await adminFetch(server, '/api/users')).json()).items
      .find((u) => u.username === 'carol');
    assert.equal(carol.role, 'viewer');
  });

  test('a disabled user is refused', async () => {
    const first = await signInThroughIdp(browser, server, 'dave');
    await first.context.close();
    assert.equal(first.location, '/');
    const dave = (await (await adminFetch(server, '/api/users')).json()).items
      .find((u) => u.username === 'dave');
    const put = await adminFetch(server, `/api/users/${dave.id}`, {
      method: 'PUT',
      headers: { 'if-match': `"${dave.version}"` },
      body: JSON.stringify({ display_name: dave.display_name, role: 'viewer', disabled: true }),
    });
    assert.equal(put.status, 200, await put.text());
    const again = await signInThroughIdp(browser, server, 'dave');
    await again.context.close();
    assert.equal(again.location, '/#sso_error=user_disabled');
  });

  test('a forged state, or a state without the browser it was sent to, is refused', async () => {
    const forged = await fetch(`${server.url}/api/session/sso/callback?code=x&state=forged`,
      { redirect: 'manual', headers: { cookie: 'datahub_sso=forged-too' } });
    assert.equal(forged.headers.get('location'), '/#sso_error=invalid_state');

    const started = await fetch(`${server.url}/api/session/sso`, { redirect: 'manual' });
    const state = new URL(started.headers.get('location')).searchParams.get('state');
    const unbound = await fetch(`${server.url}/api/session/sso/callback?code=x&state=${state}`,
      { redirect: 'manual' });
    assert.equal(unbound.headers.get('location'), '/#sso_error=invalid_state');
    // The state is spent: its own browser cannot use it either now.
    const spent = await fetch(`${server.url}/api/session/sso/callback?code=x&state=${state}`,
      { redirect: 'manual', headers: { cookie: `datahub_sso=${state}` } });
    assert.equal(spent.headers.get('location'), '/#sso_error=invalid_state');
  });

  test('the client secret is never in the log', () => {
    assert.ok(!server.log().includes(clientSecret));
    assert.deepEqual(idp.errors, []);
  });
});

// GET /api/session/sso, the fake IdP's /auth, then the callback with the state cookie: the
// callback's Location and the session cookie it set, if any.
async function signInThroughFake(server) {
  const start = await fetch(`${server.url}/api/session/sso`, { redirect: 'manual' });
  const stateCookie = start.headers.get('set-cookie').split(';')[0];
  const auth = await fetch(start.headers.get('location'), { redirect: 'manual' });
  const back = await fetch(auth.headers.get('location'),
    { redirect: 'manual', headers: { cookie: stateCookie } });
  const cookies = back.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { location: back.headers.get('location'),
           session: cookies.find((c) => c.startsWith('datahub_session=') && c.length > 16) };
}

describe('OIDC sign-in refuses bad ID tokens end to end', () => {
  let idp;
  let server;

  before(async () => {
    idp = await fakeIdp();
    server = await startRelyingParty(idp.issuer);
  });

  after(async () => {
    await server?.stop();
    await idp?.stop();
  });

  test('a good token from the hand-made IdP signs in (the other cases differ only in the token)',
    async () => {
      idp.mode = 'good';
      const { location, session } = await signInThroughFake(server);
      assert.equal(location, '/', server.log());
      assert.equal(idp.lastScope, 'openid profile groups');  // its discovery lists "groups"
      const me = await fetch(`${server.url}/api/session`, { headers: { cookie: session } });
      assert.equal((await me.json()).user.username, 'fake-user');
    });

  test('an ID token with another nonce is refused', async () => {
    idp.mode = 'wrong_nonce';
    const { location, session } = await signInThroughFake(server);
    assert.equal(location, '/#sso_error=nonce_mismatch');
    assert.equal(session, undefined);
    assert.match(server.log(), /OIDC sign-in refused \(nonce_mismatch\): ID token refused: nonce/);
  });

  test('an ID token whose payload was changed after signing is refused', async () => {
    idp.mode = 'tampered';
    const { location, session } = await signInThroughFake(server);
    assert.equal(location, '/#sso_error=id_token_invalid');
    assert.equal(session, undefined);
    assert.match(server.log(), /OIDC sign-in refused \(id_token_invalid\): ID token refused: the signature/);
  });

  test('a rolled-over key is fetched once; an unknown kid soon after fetches nothing more',
    async () => {
      idp.mode = 'good';
      const fetchedBefore = idp.jwksRequests;
      assert.ok(fetchedBefore >= 1);
      idp.rotate();
      const rolled = await signInThroughFake(server);
      assert.equal(rolled.location, '/', server.log());
      assert.equal(idp.jwksRequests, fetchedBefore + 1);
      // Within a minute of that fetch, a kid nobody lists is refused without asking the IdP.
      idp.mode = 'unknown_kid';
      const unknown = await signInThroughFake(server);
      assert.equal(unknown.location, '/#sso_error=id_token_invalid');
      assert.equal(idp.jwksRequests, fetchedBefore + 1);
      assert.match(server.log(), /OIDC sign-in refused \(id_token_invalid\): ID token refused: no JWKS key for kid "never-listed"/);
    });
});

describe('without OIDC', () => {
  test('the options say no SSO and the SSO routes are 404', async () => {
    const server = await startServer();
    try {
      assert.deepEqual(await (await fetch(`${server.url}/api/session/options`)).json(), { sso: false });
      const r = await fetch(`${server.url}/api/session/sso`, { redirect: 'manual' });
      assert.equal(r.status, 404);
      assert.equal((await r.json()).type.endsWith('not-found'), true);
    } finally {
      await server.stop();
    }
  });
});
