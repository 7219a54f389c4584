// Search a subject by identifier (and by name), open its page and its report: the score gauge
// shows the score the API returns, with the same reason codes; the payment grid, the balance
// trend, the relationship graph and the subject's alerts are drawn.
import { runTest, assert, textOf, demoPerson } from './harness.mjs';

await runTest('report', async (c) => {
  const { page } = c;
  await c.login('analyst');

  // By name, when the server has the route; otherwise the page says it is not available.
  await page.click('[data-test="nav-search"]');
  await page.fill('[data-test="search-name"]', demoPerson.name);
  await page.click('[data-test="search-name-submit"]');
  const byName = await page.waitForSelector(
    `[data-test="subject-link-${demoPerson.subjectId}"], [data-test="search-unavailable"], [data-test="search-none"], [data-test="error"]`);
  const byNameTest = await byName.getAttribute('data-test');
  assert.ok(byNameTest === `subject-link-${demoPerson.subjectId}` || byNameTest === 'search-unavailable',
    `search by name shows the subject or says it is not available (got ${byNameTest}: ${await byName.textContent()})`);
  if (byNameTest === 'search-unavailable') console.log('note: GET /v1/subjects/search is not on this server');

  // By identifier, through the blind index.
  await page.selectOption('[data-test="search-kind"]', demoPerson.identifierKind);
  await page.fill('[data-test="search-identifier"]', demoPerson.identifier);
  await page.click('[data-test="search-identifier-submit"]');
  await page.waitForSelector(`[data-test="subject-link-${demoPerson.subjectId}"]`);
  const rowText = await textOf(page, '[data-test="search-results"] [data-test="row"]');
  assert.ok(!rowText.includes(demoPerson.identifier), 'the results never show the identifier in clear');
  await c.shot('report-search');

  // The subject page.
  await page.click(`[data-test="subject-link-${demoPerson.subjectId}"]`);
  await page.waitForSelector('[data-test="page-subject"]');
  const headerOrError = await page.waitForSelector('[data-test="subject-name"], [data-test="subject-header"] [data-test="error"]');
  const subjectRoute = await c.api('analyst').then((api) => api.get(`/v1/subjects/${demoPerson.subjectId}`));
  if (subjectRoute.status === 200) {
    assert.equal(await headerOrError.getAttribute('data-test'), 'subject-name');
    assert.match(await headerOrError.textContent(), new RegExp(subjectRoute.body.display_name));
  } else {
    console.log(`note: GET /v1/subjects/{id} answers ${subjectRoute.status}; the page shows the error`);
  }

  // The report, as the API issues it to this role, and as the page draws it.
  const api = await c.api('analyst');
  const issued = await api.post(`/v1/subjects/${demoPerson.subjectId}/report`, { purpose: 'dispute_handling', lang: 'en' });
  await page.selectOption('[data-test="report-purpose"]', 'dispute_handling');
  await page.click('[data-test="open-report"]');
  const reportShown = await page.waitForSelector(
    '[data-test="report"] [data-test="score-card"], [data-test="report"] [data-test="error"]');
  if (issued.status !== 201) {
    assert.equal(await reportShown.getAttribute('data-test'), 'error', 'the page shows why the report is refused');
    const status = await page.getAttribute('[data-test="report"] [data-test="error"]', 'data-status');
    assert.equal(Number(status), issued.status);
    console.log(`note: POST /v1/subjects/{id}/report answers ${issued.status}: ${JSON.stringify(issued.body)}`);
    await c.shot('report-refused');
    return;
  }
  const score = issued.body.score || issued.body.rating;
  if (score.status === 'ok') {
    const expected = Number.isInteger(score.score) ? String(score.score) : Number(score.score).toFixed(1);
    assert.equal(await textOf(page, '[data-test="score-value"]'), expected);
    assert.equal(await page.getAttribute('[data-test="score-gauge"]', 'data-score'), expected);
    // What the gauge draws: its SVG holds the score as text.
    await page.waitForSelector('[data-test="score-gauge"][data-chart="ready"] svg text');
    const drawn = await page.$$eval('[data-test="score-gauge"] svg text', (texts) => texts.map((x) => x.textContent.trim()));
    assert.ok(drawn.includes(expected), `the gauge draws ${expected}; it drew ${JSON.stringify(drawn)}`);
    const codes = await page.$$eval('[data-test="reason"]', (items) => items.map((x) => x.getAttribute('data-code')));
    assert.deepEqual(codes, (score.reasons || []).map((r) => r.code), 'the reason codes are the API\'s, in order');
  } else {
    assert.match(await textOf(page, '[data-test="score-unavailable"]'), new RegExp(score.reason.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    console.log(`note: the report has no score: ${score.reason}`);
  }
  const accounts = issued.body.tradelines.status === 'ok' ? issued.body.tradelines.accounts.length : 0;
  assert.equal(await page.locator('[data-test="payment-grid"]').count(), accounts, 'one payment grid per account');
  await page.waitForSelector('[data-test="balance-trend"][data-chart="ready"] svg');

  // The neighbourhood graph and the alerts (or a clear "not available" when the route is missing).
  const graph = await page.waitForSelector('[data-test="graph"][data-chart="ready"] svg, [data-test="graph-unavailable"], [data-test="graph-card"] [data-test="error"]');
  const graphKind = await graph.evaluate((el) => el.closest('[data-test="graph"]') ? 'graph' : el.getAttribute('data-test'));
  const neighbourhood = await api.get(`/v1/graph/subjects/${demoPerson.subjectId}/neighbourhood?depth=2`);
  if (neighbourhood.status === 200) {
    assert.equal(graphKind, 'graph');
    assert.equal(Number(await page.getAttribute('[data-test="graph"]', 'data-nodes')), neighbourhood.body.nodes.length);
  } else {
    assert.notEqual(graphKind, 'graph');
    console.log(`note: the neighbourhood route answers ${neighbourhood.status}`);
  }
  await page.waitForSelector('[data-test="subject-alerts"] [data-test="table"], [data-test="alerts-unavailable"], [data-test="alerts-card"] [data-test="error"]');
  await c.shot('report-subject-page');

  // The PDF download.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="report-pdf"]')]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
});
