// Talks to the Data Hub REST API (docs/API.md) from a test, to set up what a screen should show.
export async function api(server, method, path, body) {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export const createConnector = (server, fields) =>
  api(server, 'POST', '/api/connectors', { type: 'api', auth: { method: 'none' }, ...fields });

// A user who signs in with a password (docs/API.md, "People and access"), made by the admin token.
export const createUser = (server, { username, role = 'viewer', password, display_name }) =>
  api(server, 'POST', '/api/users', { username, display_name: display_name ?? username, role, password });
