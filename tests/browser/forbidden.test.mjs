// Navigation shows only what the role may open, and a page opened by its address without the
// permission says so clearly (role and permission), as does an API refusal inside a page.
import { runTest, assert, textOf } from './harness.mjs';

await runTest('forbidden', async (c) => {
  const { page } = c;

  // An administrator manages users; it reads no credit data: no search, no alerts.
  await c.login('admin');
  assert.equal(await page.locator('[data-test="nav-search"]').count(), 0);
  assert.equal(await page.locator('[data-test="nav-alerts"]').count(), 0);
  await page.goto(`${c.baseUrl}/#/alerts`);
  const message = await textOf(page, '[data-test="forbidden"]');
  assert.match(message, /administrator/);
  assert.match(message, /alerts\.read/);
  await c.shot('forbidden-admin-alerts');
  await page.goto(`${c.baseUrl}/#/subjects/1`);
  assert.match(await textOf(page, '[data-test="forbidden"]'), /subjects\.lookup/);
  await c.logout();

  // An auditor may look subjects up but not read alerts or the graph: the subject page opens
  // and says which parts the role may not see; the alerts page is refused.
  await c.login('auditor');
  assert.equal(await page.locator('[data-test="nav-search"]').count(), 1);
  assert.equal(await page.locator('[data-test="nav-alerts"]').count(), 0);
  await page.goto(`${c.baseUrl}/#/subjects/1`);
  await page.waitForSelector('[data-test="page-subject"]');
  assert.match(await textOf(page, '[data-test="alerts-forbidden"]'), /alerts\.read/);
  assert.match(await textOf(page, '[data-test="graph-forbidden"]'), /graph\.read/);
  assert.match(await textOf(page, '[data-test="report-forbidden"]'), /reports\.operator/);
  await page.goto(`${c.baseUrl}/#/alerts`);
  assert.match(await textOf(page, '[data-test="forbidden"]'), /auditor/);

  // The server refuses what the role may not do even when the console is bypassed, and the
  // console shows that refusal clearly: call the API from the page as the auditor.
  const refused = await page.evaluate(async () => {
    const s = JSON.parse(sessionStorage.getItem('credo.session'));
    const r = await fetch('/v1/alerts', { headers: { Authorization: `Bearer ${s.token}` } });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /auditor/);

  // A page that does not exist.
  await page.goto(`${c.baseUrl}/#/no-such-page`);
  assert.match(await textOf(page, '[data-test="page-not-found"]'), /no-such-page/);
});
