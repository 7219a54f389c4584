// Switching language: the console turns to Chinese, stays Chinese after a reload (remembered
// in localStorage) and turns back to English.
import { runTest, assert, textOf } from './harness.mjs';

await runTest('language', async (c) => {
  const { page } = c;
  await c.login('analyst');
  await page.click('[data-test="nav-alerts"]');
  await page.waitForSelector('[data-test="page-alerts"] h1');
  assert.equal(await textOf(page, '[data-test="nav-alerts"]'), 'Alerts');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  await page.click('[data-test="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await textOf(page, '[data-test="nav-alerts"]'), '预警');
  assert.equal(await textOf(page, '[data-test="page-alerts"] h1'), '预警');
  assert.equal(await textOf(page, '[data-test="logout"]'), '退出登录');
  await c.shot('language-zh');

  await page.reload();
  await page.waitForSelector('[data-test="nav-alerts"]');
  assert.equal(await textOf(page, '[data-test="nav-alerts"]'), '预警', 'the choice survives a reload');
  assert.equal(await page.evaluate(() => localStorage.getItem('credo.lang')), 'zh');

  await page.click('[data-test="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await textOf(page, '[data-test="nav-alerts"]'), 'Alerts');
  assert.equal(await textOf(page, '[data-test="page-alerts"] h1'), 'Alerts');

  // The login page too.
  await c.logout();
  await page.click('[data-test="lang-switch"]');
  assert.equal(await textOf(page, '[data-test="login-submit"]'), '登录');
  await page.click('[data-test="lang-switch"]');
  assert.equal(await textOf(page, '[data-test="login-submit"]'), 'Sign in');
});
