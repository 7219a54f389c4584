// An expired, ended or forged session sends the user back to the login page with a message,
// never a blank page; after logging in again the console returns to the page asked for.
import { runTest, assert, textOf, demoPerson } from './harness.mjs';

await runTest('session', async (c) => {
  const { page } = c;
  await c.login('analyst');
  await page.click('[data-test="nav-search"]');
  await page.waitForSelector('[data-test="page-search"]');

  // 1. The session is ended on the server (as when it times out): the next request is a 401.
  const session = JSON.parse(await page.evaluate(() => sessionStorage.getItem('credo.session')));
  const ended = await c.request('DELETE', '/v1/sessions', { token: session.token });
  assert.equal(ended.status, 204);
  try {
    await page.fill('[data-test="search-identifier"]', demoPerson.identifier, { timeout: 5000 });
    await page.selectOption('[data-test="search-kind"]', demoPerson.identifierKind,
      { timeout: 5000 });
    await page.click('[data-test="search-identifier-submit"]', { timeout: 5000 });
  } catch (error) {
    // Another request of the page met the 401 first and already sent the user to the login
    // page: that is the behaviour under test too, so only a page elsewhere is a failure.
    if (!(await page.$('[data-test="login-expired"]'))) throw error;
  }
  assert.match(await textOf(page, '[data-test="login-expired"]'), /expired|ended/i);
  await c.shot('session-expired');

  // Logging in again returns to the search page.
  await c.login('analyst');
  await page.waitForSelector('[data-test="page-search"]');

  // 2. A forged token (a well-formed one the server never issued).
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('credo.session'));
    s.token = 'credos_' + '0'.repeat(64);
    sessionStorage.setItem('credo.session', JSON.stringify(s));
  });
  // (the console reads its session from sessionStorage when the page loads)
  await page.goto(`${c.baseUrl}/#/search?kind=${demoPerson.identifierKind}&identifier=${demoPerson.identifier}`);
  await page.reload();
  assert.match(await textOf(page, '[data-test="login-expired"]'), /expired|ended/i);

  // 3. A session whose expiry has passed on the console's clock: no request is even sent.
  await c.login('analyst');
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('credo.session'));
    s.expires_at = Math.floor(Date.now() / 1000) - 1;
    sessionStorage.setItem('credo.session', JSON.stringify(s));
  });
  await page.reload();
  assert.match(await textOf(page, '[data-test="login-expired"]'), /expired|ended/i);

  // Never a blank page: the login form is there each time.
  assert.ok(await page.isVisible('[data-test="login-form"]'));
});
