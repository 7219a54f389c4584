// The alerts inbox: the open alerts are the API's, filters narrow them, acknowledging one
// removes it from the open list and the API then says who acknowledged it; CSV download.
import { runTest, assert, textOf } from './harness.mjs';

await runTest('alerts', async (c) => {
  const { page } = c;
  const api = await c.api('analyst');
  const open = await api.get('/v1/alerts?acknowledged=false&limit=100');
  await c.login('analyst');
  await page.click('[data-test="nav-alerts"]');
  if (open.status === 404) {
    await page.waitForSelector('[data-test="alerts-unavailable"]');
    console.log('note: GET /v1/alerts is not on this server; the page says so');
    return;
  }
  assert.equal(open.status, 200, JSON.stringify(open.body));
  assert.ok(open.body.alerts.length > 0, 'the demo bureau has open alerts');
  await page.waitForSelector('[data-test="alerts-table"] [data-test="row"]');
  assert.equal(await page.locator('[data-test="alerts-table"] [data-test="row"]').count(), open.body.alerts.length);
  await c.shot('alerts-inbox');

  // Filter: critical only.
  const critical = open.body.alerts.filter((a) => a.severity === 'critical');
  await page.selectOption('[data-test="alerts-severity"]', 'critical');
  await page.click('[data-test="alerts-apply"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test="alerts-table"] [data-test="row"]').length === n
    || (n === 0 && document.querySelector('[data-test="alerts-table"] [data-test="table-empty"]')), critical.length);
  await page.selectOption('[data-test="alerts-severity"]', '');
  await page.click('[data-test="alerts-apply"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test="alerts-table"] [data-test="row"]').length === n, open.body.alerts.length);

  // Acknowledge the first open alert.
  const target = open.body.alerts[0];
  await page.click(`[data-test="ack-${target.id}"]`);
  assert.match(await textOf(page, '[data-test="ack-done"]'), new RegExp(`${target.id}`));
  await page.waitForFunction((n) => document.querySelectorAll('[data-test="alerts-table"] [data-test="row"]').length === n, open.body.alerts.length - 1);
  const after = await api.get(`/v1/alerts/${target.id}`);
  assert.equal(after.status, 200);
  assert.ok(after.body.acknowledged_at, 'the alert is acknowledged');
  assert.match(after.body.acknowledged_by, /console-analyst/);

  // The acknowledged list shows it with who acknowledged it.
  await page.selectOption('[data-test="alerts-state"]', 'acknowledged');
  await page.click('[data-test="alerts-apply"]');
  assert.match(await textOf(page, `[data-test="acked-${target.id}"]`), /console-analyst/);
  await c.shot('alerts-acknowledged');

  // CSV download of the table.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="table-csv"]')]);
  assert.equal(download.suggestedFilename(), 'alerts.csv');
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.split('\r\n')[1].startsWith(String(target.id)), `the CSV lists the alert: ${csv.slice(0, 200)}`);

  // Excel download through POST /v1/exports/xlsx, or a clear message when the server lacks it.
  const exportRoute = await api.post('/v1/exports/xlsx', { sheet: 'probe', columns: [{ key: 'a', label: 'A' }], rows: [{ a: 1 }] });
  if (exportRoute.status === 404) {
    await page.click('[data-test="table-xlsx"]');
    await page.waitForSelector('[data-test="error"][data-kind="not-available"]');
    console.log('note: POST /v1/exports/xlsx is not on this server; the table says so');
  } else {
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="table-xlsx"]')]);
    assert.equal(workbook.suggestedFilename(), 'alerts.xlsx');
    assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  }
});
