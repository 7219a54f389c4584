// The console at 1280x800 and at phone width (375x740): the navigation is beside the page on
// a desktop and collapses behind the menu button on a phone; nothing makes the page wider than
// the screen (tables scroll inside their box). Screenshots of both are saved.
import { runTest, assert, demoPerson } from './harness.mjs';

async function noHorizontalOverflow(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width + 1, `the page is ${scrollWidth} px wide on a ${width} px screen`);
}

for (const [viewport, width] of [['desktop', 1280], ['phone', 375]]) {
  await runTest(`layout-${viewport}`, async (c) => {
    const { page } = c;
    await c.login('analyst');
    const search = `${c.baseUrl}/#/search?kind=${demoPerson.identifierKind}&identifier=${demoPerson.identifier}`;
    await page.goto(search);
    await page.waitForSelector(`[data-test="subject-link-${demoPerson.subjectId}"]`);
    if (viewport === 'desktop') {
      assert.ok(await page.isVisible('[data-test="nav"]'), 'the navigation is shown');
      assert.ok(!(await page.isVisible('[data-test="nav-toggle"]')), 'no menu button on a desktop');
    } else {
      assert.ok(!(await page.isVisible('[data-test="nav"]')), 'the navigation is collapsed');
      await page.click('[data-test="nav-toggle"]');
      assert.ok(await page.isVisible('[data-test="nav"]'), 'the menu button opens it');
      await c.shot(`layout-${viewport}-menu`);
      await page.click('[data-test="nav-search"]');
      assert.ok(!(await page.isVisible('[data-test="nav"]')), 'choosing a page closes it');
      await page.goto(search);
      await page.waitForSelector(`[data-test="subject-link-${demoPerson.subjectId}"]`);
    }
    await noHorizontalOverflow(page, width);
    await c.shot(`layout-${viewport}-search`);

    await page.goto(`${c.baseUrl}/#/alerts`);
    await page.waitForSelector('[data-test="alerts-table"] [data-test="table"], [data-test="alerts-unavailable"]');
    await noHorizontalOverflow(page, width);
    await c.shot(`layout-${viewport}-alerts`);

    await page.goto(`${c.baseUrl}/#/subjects/${demoPerson.subjectId}`);
    await page.waitForSelector('[data-test="report-card"] [data-test="open-report"]');
    await page.click('[data-test="open-report"]');
    await page.waitForSelector('[data-test="report"] [data-test="score-card"], [data-test="report"] [data-test="error"]');
    await page.waitForTimeout(500); // charts settle to their box
    await noHorizontalOverflow(page, width);
    await c.shot(`layout-${viewport}-subject`);
  }, { viewport });
}
