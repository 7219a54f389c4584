// Login with password and TOTP: a good code opens the console; a forged code and a replayed
// code are refused with the server's reason shown on the login page; logout returns to login.
import { runTest, assert, textOf } from './harness.mjs';

await runTest('login', async (c) => {
  const { page } = c;
  const operator = c.users[c.userFor('analyst')];

  // Forged code: six digits that are not the code of this step (nor of the steps either side).
  const good = new Set([-1, 0, 1].map((d) => c.totp(operator.secret, { step: Math.floor(Date.now() / 30000) + d })));
  let forged = '000000';
  while (good.has(forged)) forged = String(Number(forged) + 1).padStart(6, '0');
  await page.goto(`${c.baseUrl}/#/login`);
  await page.fill('[data-test="login-user"]', operator.user);
  await page.fill('[data-test="login-password"]', operator.password);
  await page.fill('[data-test="login-totp"]', forged);
  await page.click('[data-test="login-submit"]');
  const forgedMessage = await textOf(page, '[data-test="login-error"]');
  assert.match(forgedMessage, /refused/i, forgedMessage);
  assert.match(forgedMessage, /code|TOTP/i, `the message says the code was wrong: ${forgedMessage}`);
  await c.shot('login-forged-code');

  // A malformed code never reaches the server.
  await page.fill('[data-test="login-user"]', operator.user);
  await page.fill('[data-test="login-password"]', operator.password);
  await page.fill('[data-test="login-totp"]', '12ab');
  await page.click('[data-test="login-submit"]');
  assert.match(await textOf(page, '[data-test="login-error"]'), /6 digits/);

  // The good code logs in and shows who is logged in, with the navigation of the role.
  const code = await c.code(operator.user);
  await page.fill('[data-test="login-user"]', operator.user);
  await page.fill('[data-test="login-password"]', operator.password);
  await page.fill('[data-test="login-totp"]', code);
  await page.click('[data-test="login-submit"]');
  await page.waitForSelector('[data-test="nav"]');
  assert.match(await textOf(page, '[data-test="user"]'), new RegExp(operator.user));
  assert.equal(await page.getAttribute('[data-test="user"]', 'data-role'), 'analyst');
  await c.shot('login-signed-in');

  // Log out, then replay the very same code: refused as replayed.
  await c.logout();
  assert.match(await textOf(page, '[data-test="login-logged-out"]'), /signed out/i);
  await page.fill('[data-test="login-user"]', operator.user);
  await page.fill('[data-test="login-password"]', operator.password);
  await page.fill('[data-test="login-totp"]', code);
  await page.click('[data-test="login-submit"]');
  const replayMessage = await textOf(page, '[data-test="login-error"]');
  assert.match(replayMessage, /replay|already used|used/i, replayMessage);
  await c.shot('login-replayed-code');

  // The session token the browser held is dead after logout.
  const token = await page.evaluate(() => sessionStorage.getItem('credo.session'));
  assert.equal(token, null);
});
