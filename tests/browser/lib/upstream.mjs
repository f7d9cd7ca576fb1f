// A tiny upstream for "Test connection": 200 with a JSON body and a telling header.
import http from 'node:http';

export function startUpstream() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Upstream': 'local-test' });
      res.end(JSON.stringify({ hello: 'from the upstream', path: req.url }));
    });
    srv.listen(0, '127.0.0.1', () => {
      srv.url = `http://127.0.0.1:${srv.address().port}`;
      resolve(srv);
    });
  });
}
