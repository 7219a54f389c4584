// The console hides navigation by the role's permissions, read at build time from
// src/api/auth/permissions.toml (web/scripts/permissions.mjs). This checks that table against
// the running server: for every operator role and every GET route of the OpenAPI document that
// needs a permission and takes no path parameter, the server refuses (403) exactly when the
// console's table says the role lacks the permission. It also checks the built console carries
// the same table.
import fs from 'node:fs';
import path from 'node:path';
import { runTest, assert, roles, settings } from './harness.mjs';

const { readPermissions } = await import(path.join(settings().webDir, 'scripts/permissions.mjs'));

await runTest('permissions', async (c) => {
  const table = readPermissions();
  const openapi = await c.request('GET', '/v1/openapi.json');
  assert.equal(openapi.status, 200);
  const routes = [];
  for (const [routePath, operations] of Object.entries(openapi.body.paths)) {
    const get = operations.get;
    if (!get || !get['x-credo-permission'] || routePath.includes('{')) continue;
    if (routePath.endsWith('.pdf')) continue;
    routes.push({ path: routePath, permission: get['x-credo-permission'] });
  }
  assert.ok(routes.length >= 3, `enough routes to compare (${routes.length})`);
  for (const route of routes) {
    assert.ok(route.permission in table, `${route.path} needs ${route.permission}, which the console's table lacks`);
  }
  const checked = [];
  for (const role of roles) {
    const api = await c.api(role);
    for (const route of routes) {
      const answer = await api.get(route.path);
      const consoleSays = table[route.permission].includes(role);
      assert.equal(answer.status === 403, !consoleSays,
        `GET ${route.path} as ${role}: the server answered ${answer.status}, the console's table ` +
        `says ${role} ${consoleSays ? 'may' : 'may not'} use ${route.permission}`);
      checked.push(`${role} ${route.path} ${answer.status}`);
    }
  }
  console.log(`compared ${checked.length} role x route pairs over ${routes.length} routes`);

  // The built console holds the same table (the permission names with their roles).
  const assets = path.join(settings().dist, 'assets');
  const bundle = fs.readdirSync(assets).filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(assets, f), 'utf8')).join('\n');
  for (const [permission, allowed] of Object.entries(table)) {
    assert.ok(bundle.includes(`"${permission}":${JSON.stringify(allowed)}`),
      `web/dist carries ${permission}: ${JSON.stringify(allowed)} (rebuild the console)`);
  }
});
