// Every page of the console (web/src/pages/*.js) follows the page contract (docs/console.md):
// a unique id and route, a title and every message in both English and Chinese, a render
// function, and a permission the server's table knows. No browser needed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, settings } from './harness.mjs';

const webDir = settings().webDir;
const { readPermissions } = await import(pathToFileURL(path.join(webDir, 'scripts/permissions.mjs')));
const permissions = readPermissions();
const pagesDir = path.join(webDir, 'src/pages');
const files = fs.readdirSync(pagesDir).filter((f) => f.endsWith('.js')).sort();
const ids = new Set();
const routes = new Set();
const problems = [];
for (const file of files) {
  const page = (await import(pathToFileURL(path.join(pagesDir, file)))).default;
  const where = `web/src/pages/${file}`;
  if (!page) {
    problems.push(`${where}: no default export`);
    continue;
  }
  if (!page.id || ids.has(page.id)) problems.push(`${where}: id "${page.id}" missing or repeated`);
  ids.add(page.id);
  if (!page.route || !page.route.startsWith('/') || routes.has(page.route)) {
    problems.push(`${where}: route "${page.route}" missing, not starting with '/', or repeated`);
  }
  routes.add(page.route);
  if (typeof page.render !== 'function') problems.push(`${where}: no render function`);
  if (!page.title || !page.title.en || !page.title.zh) problems.push(`${where}: title needs en and zh`);
  if (page.permission && !(page.permission in permissions)) {
    problems.push(`${where}: permission "${page.permission}" is not in src/api/auth/permissions.toml`);
  }
  const en = Object.keys((page.messages && page.messages.en) || {});
  const zh = Object.keys((page.messages && page.messages.zh) || {});
  const onlyEn = en.filter((k) => !zh.includes(k));
  const onlyZh = zh.filter((k) => !en.includes(k));
  if (onlyEn.length) problems.push(`${where}: messages without Chinese: ${onlyEn.join(', ')}`);
  if (onlyZh.length) problems.push(`${where}: messages without English: ${onlyZh.join(', ')}`);
}
// The shell's own messages too.
const { common } = await import(pathToFileURL(path.join(webDir, 'src/shell/i18n.js')));
for (const key of Object.keys(common.en)) if (!(key in common.zh)) problems.push(`shell: "${key}" has no Chinese`);
for (const key of Object.keys(common.zh)) if (!(key in common.en)) problems.push(`shell: "${key}" has no English`);

assert.ok(files.length >= 3, `pages found: ${files.join(', ')}`);
assert.deepEqual(problems, [], problems.join('\n'));
console.log(`PASS messages (${files.length} pages: ${[...ids].join(', ')})`);
