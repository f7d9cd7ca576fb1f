// Identity providers for the OIDC sign-in tests (docs/API.md, "OIDC sign-in"), in-process on
// ephemeral loopback ports.
//
// certifiedIdp(): the certified oidc-provider (npm) with its development login and consent pages,
// one confidential client "hub" (client_secret_basic, code flow, ID tokens signed ES256) and the accounts
// given: the login name is the account id, any password is taken. The ID token carries
// preferred_username, name and groups (conformIdTokenClaims off: scope claims go in it).
//
// fakeIdp(): a hand-made IdP for what a certified one never does: its authorization endpoint sends
// the browser straight back with a code, and its token endpoint answers an ID token that is good,
// carries another nonce, has its payload changed after signing, or names a key its JWKS does not
// list (`mode`, settable); its key can be rolled over (`rotate()`).
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import Provider from 'oidc-provider';

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function closer(server) {
  return () => new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

// The provider's own signing keys (else it warns about its development keys).
function privateJwk(type, options, kid) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig' };
}

// Listens first, so that the issuer is known before the relying party starts; the provider is
// made by configure() once the relying party's redirect URI is known.
export async function certifiedIdp({ clientSecret, accounts }) {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const errors = [];
  return {
    issuer,
    errors,
    configure(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [{
          client_id: 'hub',
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          // ES256 here, RS256 from fakeIdp(): both kinds of JWKS key are used end to end.
          id_token_signed_response_alg: 'ES256',
        }],
        jwks: { keys: [privateJwk('ec', { namedCurve: 'P-256' }, 'idp-ec'),
                       privateJwk('rsa', { modulusLength: 2048 }, 'idp-rsa')] },
        claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
        conformIdTokenClaims: false,
        cookies: { keys: [randomBytes(32).toString('hex')] },
        features: { devInteractions: { enabled: true } },
        async findAccount(ctx, id) {
          const account = accounts[id];
          if (!account) return undefined;
          return {
            accountId: id,
            async claims() {
              return { sub: id, preferred_username: account.username ?? id, name: account.name,
                       groups: account.groups };
            },
          };
        },
      });
      provider.on('server_error', (ctx, err) => errors.push(`server_error ${err.message}`));
      server.on('request', provider.callback());
    },
    stop: closer(server),
  };
}

const b64url = (data) => Buffer.from(data).toString('base64url');

function signingKey(kid) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey,
           jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

export async function fakeIdp({ clientId = 'hub' } = {}) {
  let key = signingKey('fake-1');
  const codes = new Map();  // code -> nonce
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  // mode: 'good', 'wrong_nonce', 'tampered', or 'unknown_kid' (signed with a key the JWKS never
  // lists). jwksRequests counts the relying party's JWKS fetches.
  const idp = { issuer, mode: 'good', tokenRequests: 0, jwksRequests: 0, stop: closer(server) };
  // A key rollover: the JWKS lists only a new key, and tokens are signed with it.
  idp.rotate = () => { key = signingKey(`fake-${randomBytes(4).toString('hex')}`); };

  const idToken = (nonce) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer, aud: clientId, sub: 'fake-user', preferred_username: 'fake-user',
                     exp: now + 300, iat: now,
                     nonce: idp.mode === 'wrong_nonce' ? 'not-the-nonce-sent' : nonce };
    const signer = idp.mode === 'unknown_kid' ? signingKey('never-listed') : key;
    const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: signer.kid }))}.` +
                  b64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(input), signer.privateKey).toString('base64url');
    if (idp.mode !== 'tampered') return `${input}.${signature}`;
    const forged = b64url(JSON.stringify({ ...claims, sub: 'someone-else' }));
    return `${input.split('.')[0]}.${forged}.${signature}`;
  };

  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/auth`,
                         token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
                         token_endpoint_auth_methods_supported: ['client_secret_basic'],
                         scopes_supported: ['openid', 'profile', 'groups'],
                         id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (url.pathname === '/jwks') {
      idp.jwksRequests += 1;
      return json(200, { keys: [key.jwk] });
    }
    if (url.pathname === '/auth') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, url.searchParams.get('nonce'));
      idp.lastScope = url.searchParams.get('scope');
      const back = new URL(url.searchParams.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state'));
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        idp.tokenRequests += 1;
        const code = new URLSearchParams(body).get('code');
        if (!codes.has(code)) return json(400, { error: 'invalid_grant' });
        const nonce = codes.get(code);
        codes.delete(code);
        json(200, { access_token: 'fake-access', token_type: 'Bearer', expires_in: 300,
                    id_token: idToken(nonce) });
      });
      return undefined;
    }
    res.writeHead(404);
    return res.end();
  });
  return idp;
}
