// Browser-test harness for the web console (docs/console.md, "Browser tests").
//
//   import { runTest, assert } from './harness.mjs';
//   await runTest('search', async (c) => {
//     await c.login('analyst');
//     await c.page.click('[data-test="nav-search"]');
//     ...
//   });
//
// startConsole(options) builds a demo bureau (`credo demo --keep`, once per build directory and
// copied for each test), adds an operator of every role with a password and a TOTP secret,
// starts `credo serve` on a free loopback port with the built console (web/dist), launches
// Debian's Chromium headless through playwright-core and returns
//   { baseUrl, page, context, browser, login(role), logout(), totp(secret), code(role),
//     users, api(role), db, dir, artifacts, shot(name), problems, serverLog(), stop() }.
// Missing pieces (credo binary, web/dist, web/node_modules/playwright-core, /usr/bin/chromium)
// are failures with a message saying what to install or build, never a silent skip.
//
// Environment: CREDO_BINARY, CREDO_WEB_DIST, CREDO_BROWSER_ARTIFACTS (screenshots and server
// logs), CREDO_CHROMIUM (default /usr/bin/chromium), CREDO_BROWSER_KEEP=1 keeps the bureau folder.
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export { assert };

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(here, '../..');

export const roles = ['admin', 'data_operations', 'analyst', 'auditor'];
// A person of the demo bureau with accounts and alerts (the first record of bank_a's Metro 2
// file; the demo's generator is seeded, and templateBureau checks this still holds).
export const demoPerson = { subjectId: 2, name: 'DEBORAH E NGUYEN', identifierKind: 'us_ssn', identifier: '345335986', tradeline: 1 };
const password = (role) => `Console-${role}-pass-2026`;
// Bump when templateBureau adds something, so built templates are not reused.
const templateVersion = 3;
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };

export function settings() {
  const binary = process.env.CREDO_BINARY || path.join(sourceDir, 'build/src/cli/credo');
  const dist = process.env.CREDO_WEB_DIST || path.join(sourceDir, 'web/dist');
  const artifacts =
    process.env.CREDO_BROWSER_ARTIFACTS || path.join(os.tmpdir(), 'credo-browser-artifacts');
  const chromium = process.env.CREDO_CHROMIUM || '/usr/bin/chromium';
  return { binary, dist, artifacts, chromium, webDir: path.resolve(dist, '..') };
}

function requirement(ok, message) {
  if (!ok) throw new Error(`browser test setup: ${message}`);
}

export function loadPlaywright(webDir = settings().webDir) {
  const require = createRequire(path.join(webDir, 'package.json'));
  try {
    return require('playwright-core');
  } catch (error) {
    throw new Error(
      `browser test setup: playwright-core is not installed in ${webDir}/node_modules ` +
        `(build the console: cmake --build <build dir> --target web_console, or npm ci in web/): ` +
        error.message,
    );
  }
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as the authenticator app would compute it.
export function totp(secret, { step, time = Date.now() } = {}) {
  const counter = step ?? Math.floor(time / 1000 / 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`TOTP secret has a character outside base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(value).padStart(6, '0');
}

async function credo(binary, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve(out);
      else reject(new Error(`credo ${args.join(' ')} exited ${status}:\n${out}\n${err}`));
    });
    child.stdin.on('error', () => {}); // a command that exits without reading its input
    child.stdin.end(input ?? '');
  });
}

// A demo bureau with the harness's operators, built once per build directory (keyed by the
// binary's size and time) and copied for each test, because `credo demo` takes seconds.
// `source` (a folder with bureau.db and bureau.db.keys, e.g. a benchmark's 100,000-subject
// bureau) stands in for the demo bureau: the operators are added to a copy of it and the demo's
// own checks are skipped.
async function templateBureau(binary, artifacts, source) {
  const stat = fs.statSync(binary);
  const origin = source ? `-${path.resolve(source).replace(/[^A-Za-z0-9]+/g, '_')}` : '';
  const stamp = `v${templateVersion}-${stat.size}-${Math.floor(stat.mtimeMs)}${origin}`;
  const root = path.join(path.dirname(artifacts), 'browser-bureau');
  const ready = path.join(root, stamp);
  if (fs.existsSync(path.join(ready, 'operators.json'))) return ready;
  fs.mkdirSync(root, { recursive: true });
  const building = fs.mkdtempSync(path.join(root, 'building-'));
  try {
    if (source) {
      for (const file of ['bureau.db', 'bureau.db.keys']) {
        fs.copyFileSync(path.join(source, file), path.join(building, file));
      }
    } else {
      await credo(binary, ['demo', '--dir', building, '--keep']);
    }
    const db = path.join(building, 'bureau.db');
    const operators = {};
    for (const role of roles) {
      for (const name of [`console-${role}`.replace(/_/g, '-'), `api-${role}`.replace(/_/g, '-')]) {
        await credo(binary, ['--db', db, 'users', 'add', name, '--role', role, '--password-stdin'],
          password(role) + '\n');
        const enrolled = await credo(binary, ['--db', db, 'users', 'enroll-totp', name]);
        const secret = /secret:\s+([A-Z2-7]+)/.exec(enrolled);
        requirement(secret, `credo users enroll-totp printed no secret:\n${enrolled}`);
        operators[name] = { user: name, role, password: password(role), secret: secret[1] };
      }
    }
    if (source) {
      fs.writeFileSync(path.join(building, 'operators.json'), JSON.stringify(operators, null, 2));
      fs.renameSync(building, ready);
      return ready;
    }
    const found = await credo(binary, ['--db', db, 'subject', 'find', '--id-kind',
      demoPerson.identifierKind, '--id', demoPerson.identifier]);
    requirement(found.includes(`subject ${demoPerson.subjectId}: ${demoPerson.name}`),
      `the demo bureau changed: ${demoPerson.identifierKind} ${demoPerson.identifier} should be ` +
        `subject ${demoPerson.subjectId} (${demoPerson.name}), credo subject find said: ${found}`);
    // The demo opened a dispute on the demo person (tradeline 1), so bureau staff may read its
    // report under the operator purpose dispute_handling; check it is there.
    const disputes = await credo(binary, ['--db', db, 'disputes', 'list']);
    requirement(disputes.includes(`tradeline:${demoPerson.tradeline}`),
      `the demo bureau has no open dispute on tradeline:${demoPerson.tradeline}:\n${disputes}`);
    fs.writeFileSync(path.join(building, 'operators.json'), JSON.stringify(operators, null, 2));
    try {
      fs.renameSync(building, ready);
    } catch (error) {
      if (!fs.existsSync(path.join(ready, 'operators.json'))) throw error; // another test won
      fs.rmSync(building, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  }
  return ready;
}

function startServer(binary, db, dist, logPath, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logPath, 'w');
    const child = spawn(
      binary,
      ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--console', dist, ...extraArgs],
      { stdio: ['ignore', 'pipe', log] },
    );
    let line = '';
    const timer = setTimeout(() => reject(new Error('credo serve did not start in 60 s')), 60000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`credo serve exited (${status}) before listening; log: ${logPath}\n` +
        fs.readFileSync(logPath, 'utf8').slice(-2000)));
    });
    child.stdout.on('data', (chunk) => {
      line += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, baseUrl: match[1] });
      }
    });
  });
}

export async function startConsole(options = {}) {
  const config = settings();
  requirement(fs.existsSync(config.binary),
    `the credo binary is missing at ${config.binary} (build it: cmake --build <dir> --target credo)`);
  requirement(fs.existsSync(path.join(config.dist, 'index.html')),
    `the console is not built: ${config.dist}/index.html is missing (needs node and npm; ` +
      `cmake --build <dir> --target web_console)`);
  requirement(fs.existsSync(config.chromium),
    `${config.chromium} is missing: install Debian's chromium (scripts/bootstrap.sh does)`);
  const { chromium } = loadPlaywright(config.webDir);
  fs.mkdirSync(config.artifacts, { recursive: true });

  const template = await templateBureau(config.binary, config.artifacts, options.sourceBureau);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-browser-'));
  for (const file of ['bureau.db', 'bureau.db.keys', 'operators.json']) {
    fs.copyFileSync(path.join(template, file), path.join(dir, file));
  }
  const db = path.join(dir, 'bureau.db');
  const operators = JSON.parse(fs.readFileSync(path.join(dir, 'operators.json'), 'utf8'));
  const name = options.name || 'console';
  const serverLogPath = path.join(config.artifacts, `${name}.server.log`);

  let server = null;
  let browser = null;
  const stopped = { done: false };
  async function stop() {
    if (stopped.done) return;
    stopped.done = true;
    if (browser) await browser.close().catch(() => {});
    if (server) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      const timeout = setTimeout(() => server.child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timeout);
    }
    if (process.env.CREDO_BROWSER_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
  }

  try {
    server = await startServer(config.binary, db, config.dist, serverLogPath, options.serveArgs);
    browser = await chromium.launch({
      executablePath: config.chromium,
      headless: true,
      // playwright-core gives every launch a fresh, empty --user-data-dir of its own.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const viewport = viewports[options.viewport] || options.viewport || viewports.desktop;
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeout || 15000);
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    const lastStep = {};
    // The next TOTP code the server will accept for this user: codes are single use per 30 s
    // step and the server accepts one step either side, so a second login in the same step uses
    // the next step's code, and a third waits for time to move on.
    async function code(user) {
      const operator = operators[user];
      for (;;) {
        const now = Math.floor(Date.now() / 1000 / 30);
        for (const step of [now, now + 1]) {
          if (lastStep[user] === undefined || step > lastStep[user]) {
            lastStep[user] = step;
            return totp(operator.secret, { step });
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    const userFor = (role, kind = 'console') => `${kind}-${role}`.replace(/_/g, '-');

    async function login(role, { expectFailure = false } = {}) {
      const user = userFor(role);
      const operator = operators[user];
      assert.ok(operator, `no harness operator for role ${role}`);
      await page.goto(`${server.baseUrl}/#/login`);
      await page.fill('[data-test="login-user"]', operator.user);
      await page.fill('[data-test="login-password"]', operator.password);
      await page.fill('[data-test="login-totp"]', await code(user));
      await page.click('[data-test="login-submit"]');
      if (expectFailure) {
        await page.waitForSelector('[data-test="login-error"]');
        return;
      }
      await page.waitForSelector('[data-test="topbar"] [data-test="user"]');
    }

    async function logout() {
      await page.click('[data-test="logout"]');
      await page.waitForSelector('[data-test="login-form"]');
    }

    const apiClients = {};
    async function api(role) {
      if (apiClients[role]) return apiClients[role];
      const user = userFor(role, 'api');
      const operator = operators[user];
      const grant = await request('POST', '/v1/sessions', {
        body: { user, password: operator.password, totp: await code(user) },
      });
      assert.equal(grant.status, 201, `API login of ${user} failed: ${JSON.stringify(grant.body)}`);
      const token = grant.body.token;
      const call = async (method, apiPath, body, expect) => {
        const answer = await request(method, apiPath, { body, token });
        if (expect !== undefined && answer.status !== expect) {
          throw new Error(`${method} ${apiPath} as ${role}: HTTP ${answer.status} ` +
            `(expected ${expect}): ${JSON.stringify(answer.body)}`);
        }
        return answer;
      };
      apiClients[role] = {
        token,
        request: call,
        get: (apiPath) => call('GET', apiPath),
        post: (apiPath, body) => call('POST', apiPath, body ?? {}),
        del: (apiPath) => call('DELETE', apiPath),
      };
      return apiClients[role];
    }

    async function request(method, apiPath, { body, token } = {}) {
      const headers = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(server.baseUrl + apiPath, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    }

    async function shot(shotName) {
      const file = path.join(config.artifacts, `${shotName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    }

    return {
      baseUrl: server.baseUrl,
      page,
      context,
      browser,
      login,
      logout,
      totp,
      code,
      users: operators,
      userFor,
      api,
      request,
      db,
      dir,
      binary: config.binary,
      artifacts: config.artifacts,
      shot,
      problems,
      serverLog: () => fs.readFileSync(serverLogPath, 'utf8'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Runs one browser test: starts the console, runs body(c), saves a screenshot when it fails,
// always stops the browser and the server, and exits non-zero on failure.
export async function runTest(name, body, options = {}) {
  let c = null;
  let failed = false;
  const started = Date.now();
  try {
    c = await startConsole({ name, ...options });
    await body(c);
    if (!options.allowPageErrors) {
      const errors = c.problems.filter((p) => p.startsWith('page error'));
      assert.deepEqual(errors, [], 'the console threw uncaught errors');
    }
  } catch (error) {
    failed = true;
    console.error(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
    if (c) {
      const shotFile = await c.shot(`${name}-failure`).catch(() => null);
      if (shotFile) console.error(`screenshot: ${shotFile}`);
      if (c.problems.length) console.error(`browser said:\n  ${c.problems.join('\n  ')}`);
    }
  } finally {
    if (c) await c.stop().catch((error) => console.error(`stopping: ${error.message}`));
  }
  if (failed) process.exit(1);
  console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// Waits for a selector's text to satisfy predicate; returns the text.
export async function textOf(page, selector) {
  await page.waitForSelector(selector);
  return (await page.textContent(selector)).trim();
}
