// A decision rule file with an unknown attribute (issue 9's bad input): the server reads the
// rules from `credo serve --decision-config DIR` on each request, and the segments page shows,
// in place of the segments and of a customer's decision profile, a clear message naming the
// file, the line and the attribute (with the known ones), in English and in Chinese, at 1280x800
// and at phone width; never a blank page or a stack trace. Mended, the page works again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTest, assert, textOf } from './harness.mjs';

const builtIn = path.join(process.cwd(), 'src', 'decision', 'config');
const rules = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-rules-'));
for (const file of ['tiers_person.toml', 'tiers_company.toml', 'actions.toml', 'decision.toml']) {
  fs.copyFileSync(path.join(builtIn, file), path.join(rules, file));
}
// Both grids name an attribute that does not exist: the company grid on its value axis, the
// person grid on its risk axis.
const grids = {
  company: { file: path.join(rules, 'tiers_company.toml'), good: 'attribute = "revenue_12m"',
             bad: 'attribute = "revenue_13m"', known: 'revenue_12m', unknown: 'revenue_13m' },
  person: { file: path.join(rules, 'tiers_person.toml'), good: 'attribute = "times_30dpd_12m"',
            bad: 'attribute = "times_30dpd_13m"', known: 'times_30dpd_12m', unknown: 'times_30dpd_13m' },
};
for (const grid of Object.values(grids)) {
  grid.text = fs.readFileSync(grid.file, 'utf8');
  grid.line = grid.text.split('\n').indexOf(grid.good) + 1;
  assert.ok(grid.line > 0, `${grid.file} has ${grid.good}`);
}
function breakGrids() {
  for (const grid of Object.values(grids)) fs.writeFileSync(grid.file, grid.text.replace(grid.good, grid.bad));
}
function mendGrids() {
  for (const grid of Object.values(grids)) fs.writeFileSync(grid.file, grid.text);
}

async function expectRuleFailure(c, selector, grid) {
  const box = c.page.locator(selector);
  await box.waitFor();
  assert.equal(await box.getAttribute('data-kind'), 'conflict');
  assert.equal(await box.getAttribute('data-status'), '409');
  const text = (await box.textContent()).trim();
  assert.ok(text.includes(`${path.basename(grid.file)}:${grid.line}:`), text);
  assert.ok(text.includes(`unknown attribute "${grid.unknown}"`), text);
  assert.ok(text.includes(grid.known), `the known attributes are listed: ${text}`);
  assert.ok(!text.includes(rules), `the server's folder is not shown: ${text}`);
  assert.doesNotMatch(text, /\.js:\d+|Traceback|undefined|\[object Object\]/);
  return text;
}

try {
  for (const viewport of ['desktop', 'phone']) {
    await runTest(`rules-${viewport}`, async (c) => {
      const { page } = c;
      breakGrids();
      await c.login('analyst');
      await page.goto(`${c.baseUrl}/#/segments`);
      await page.waitForSelector('[data-test="segments-kind"]');
      assert.equal(await page.inputValue('[data-test="segments-kind"]'), 'organization');
      const english = await expectRuleFailure(c, '[data-test="segments-error"]', grids.company);
      assert.match(english, /decision rules/);
      await c.shot(`rules-${viewport}-en`);
      await page.selectOption('[data-test="segments-kind"]', 'person');
      await expectRuleFailure(c, '[data-test="segments-error"]', grids.person);

      // A customer's decision profile reads its kind's grid: the same message, not a blank box.
      const analyst = await c.api('analyst');
      const profile = await analyst.get('/v1/decision/subjects/1');
      assert.equal(profile.status, 409, JSON.stringify(profile.body));
      const kind = /tiers_company/.test(profile.body.error.message) ? 'company' : 'person';
      await page.fill('[data-test="segments-subject-id"]', '1');
      await page.click('[data-test="segments-subject-go"]');
      await expectRuleFailure(c, '[data-test="segments-subject-error"]', grids[kind]);

      if (viewport === 'desktop') {
        // In Chinese: the page's own words, the rule as the server wrote it.
        await page.click('[data-test="lang-switch"]');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        await page.goto(`${c.baseUrl}/#/audit`);
        await page.goto(`${c.baseUrl}/#/segments`);
        const chinese = await expectRuleFailure(c, '[data-test="segments-error"]', grids.company);
        assert.match(chinese, /决策规则/);
        await c.shot('rules-desktop-zh');
        await page.click('[data-test="lang-switch"]');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }

      // Mended: read again on the next request, without restarting the server.
      mendGrids();
      const mended = await analyst.get('/v1/decision/subjects/1');
      assert.equal(mended.status, 200, JSON.stringify(mended.body));
      await page.fill('[data-test="segments-subject-id"]', '1');
      await page.click('[data-test="segments-subject-go"]');
      await page.waitForSelector('[data-test="segments-subject-facts"]');
    }, { viewport, serveArgs: ['--decision-config', rules] });
  }
} finally {
  fs.rmSync(rules, { recursive: true, force: true });
}
