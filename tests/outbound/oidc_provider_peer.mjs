// The certified oidc-provider (npm) on an ephemeral loopback port, with one client "hub" that
// authenticates with private_key_jwt (RFC 7523 §2.2) and may use the client credentials grant.
// Arguments: "<kid>=<public key PEM>" for each key of the client's JWKS. Prints the port, then
// serves until killed. The provider itself verifies every client assertion (signature, iss,
// sub, aud, exp, jti) and answers invalid_client when one does not hold.
import { createServer } from 'node:http';
import { createPublicKey } from 'node:crypto';
import Provider from 'oidc-provider';

const keys = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  const jwk = createPublicKey(arg.slice(at + 1)).export({ format: 'jwk' });
  return { ...jwk, kid: arg.slice(0, at), use: 'sig' };
});

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'hub',
    token_endpoint_auth_method: 'private_key_jwt',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    jwks: { keys },
  }],
  features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
  enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'] },
  routes: { token: '/token' },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.on('grant.error', (ctx, err) => console.error('grant.error', err.message,
  err.error_description ?? ''));
server.on('request', provider.callback());
console.log(port);
