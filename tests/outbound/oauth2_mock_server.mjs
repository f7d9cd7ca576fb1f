// oauth2-mock-server (npm) on an ephemeral loopback port: prints the port, then serves until
// killed. Its token endpoint is /token; it does not check client secrets.
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(0, '127.0.0.1');
console.log(server.address().port);
