# Debian's python3-httpbin on an ephemeral loopback port: prints the port, then serves until
# killed. Tests use it to see exactly which headers arrived (/headers, /anything).
from werkzeug.serving import make_server
from httpbin import app

server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
