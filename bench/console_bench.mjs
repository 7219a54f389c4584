// Console first load on loopback, measured by the browser's own performance timing
// (PerformanceNavigationTiming) in Debian's Chromium, against the 1 s target of issue 9.
//
//   node bench/console_bench.mjs            (env CREDO_BINARY, CREDO_WEB_DIST; RUNS=10)
//   cmake --build BUILD --target bench_console
//
// Each cold run opens a new browser context (empty cache) on #/login and reads: the HTML's
// response end, DOMContentLoaded, the load event, and when the login form is drawn (the
// performance mark 'credo:login-drawn' the shell sets). Warm
// runs reload in the same context (cached assets). Then an analyst logs in and the time from
// pressing "Sign in" to the first page of the navigation being drawn is measured. The bureau is
// the browser tests' demo bureau (tests/browser/harness.mjs), or CREDO_BENCH_BUREAU; the first
// load itself reads no data, so its size does not enter the first figure, but the first page
// after login does. Not a test: prints figures only.
import { startConsole } from '../tests/browser/harness.mjs';

const runs = Number(process.env.RUNS || 10);
// ACCEPT_ENCODING=gzip (or identity) overrides what Chromium asks for (br by default), to show
// what the server's on-the-fly compression costs.
const acceptEncoding = process.env.ACCEPT_ENCODING || '';
const newContext = async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (acceptEncoding) await context.setExtraHTTPHeaders({ 'Accept-Encoding': acceptEncoding });
  return context;
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(0)} ms`;

// CREDO_BENCH_BUREAU=DIR measures on that bureau (bureau.db and bureau.db.keys, e.g. the
// 100,000-subject one `KEEP=1 PREPARE_ONLY=1 sh bench/api_bench.sh` prepares) instead of the demo.
const sourceBureau = process.env.CREDO_BENCH_BUREAU || undefined;
const c = await startConsole({ name: 'console-bench', sourceBureau });
try {
  const measure = async (page, url, reload) => {
    if (reload) await page.reload({ waitUntil: 'load' });
    else await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('[data-test="login-form"]');
    return page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        response: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        form: performance.getEntriesByName('credo:login-drawn')[0].startTime,
        bytes: performance.getEntriesByType('resource').reduce((sum, r) => sum + (r.transferSize || 0), nav.transferSize || 0),
      };
    });
  };
  const url = `${c.baseUrl}/#/login`;
  const cold = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await newContext(c.browser);
    const page = await context.newPage();
    cold.push(await measure(page, url, false));
    await context.close();
  }
  const warm = [];
  const context = await newContext(c.browser);
  const page = await context.newPage();
  await measure(page, url, false);
  for (let i = 0; i < runs; i += 1) warm.push(await measure(page, url, true));
  await context.close();

  // Login to the first page of the navigation, drawn.
  const loginTimes = [];
  for (let i = 0; i < Math.min(runs, 3); i += 1) {
    const fresh = await newContext(c.browser);
    const p = await fresh.newPage();
    await p.goto(url, { waitUntil: 'load' });
    const operator = c.users[c.userFor('analyst')];
    await p.fill('[data-test="login-user"]', operator.user);
    await p.fill('[data-test="login-password"]', operator.password);
    await p.fill('[data-test="login-totp"]', await c.code(operator.user));
    const started = await p.evaluate(() => performance.now());
    await p.click('[data-test="login-submit"]');
    await p.waitForSelector('[data-test="page"] section.page');
    // the page has asked for its data and drawn it when no request is pending any more
    await p.waitForLoadState('networkidle');
    loginTimes.push((await p.evaluate(() => performance.now())) - started);
    await fresh.close();
  }

  const row = (label, values) => console.log(`  ${label.padEnd(44)} median ${ms(median(values)).padStart(8)}   max ${ms(Math.max(...values)).padStart(8)}`);
  console.log(`credo console first load on loopback (${runs} runs each, Chromium headless, ` +
    `${sourceBureau ? `bureau ${sourceBureau}` : 'demo bureau'}` +
    `${acceptEncoding ? `, Accept-Encoding: ${acceptEncoding}` : ''})`);
  console.log('cold (empty cache):');
  row('HTML received (responseEnd)', cold.map((r) => r.response));
  row('DOMContentLoaded', cold.map((r) => r.domContentLoaded));
  row('load event', cold.map((r) => r.load));
  row('login form drawn (mark credo:login-drawn)', cold.map((r) => r.form));
  console.log(`  bytes transferred: ${cold[0].bytes}`);
  console.log('warm (reload, cached):');
  row('load event', warm.map((r) => r.load));
  row('login form drawn (mark credo:login-drawn)', warm.map((r) => r.form));
  console.log('after login:');
  row('Sign in -> first page drawn, network idle', loginTimes);
  const figure = median(cold.map((r) => r.form));
  console.log(`target: first load under 1000 ms; measured ${ms(figure)} cold, ` +
    `${(figure / 1000).toFixed(2)}x the target (${figure <= 1000 ? 'met' : 'missed'})`);
} finally {
  await c.stop();
}
