// Lectern from npm in a modern front end: the release build packed as a
// tarball (`npm pack dist`), installed into a React 19 app
// (examples/vite-react) and bundled by Vite, type-checked by TypeScript in
// strict mode, and read in Chromium under the app's strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { launchBrowser, pageWithErrorLog, serveSite, EN, HANS } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
const app = root('examples/vite-react');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'";
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let site;
let browser;
before(async () => {
  // The package, as npm would publish it.
  const packed = root('target/package');
  rmSync(packed, { recursive: true, force: true });
  mkdirSync(packed, { recursive: true });
  run('npm', ['pack', root('dist'), '--pack-destination', packed, '--loglevel=error'], root(''));
  const tarball = `${packed}/${readdirSync(packed).find((f) => f.endsWith('.tgz'))}`;
  // The app's own dependencies from its lockfile, then the tarball (not
  // saved: its checksum changes with every build).
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], app);
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], app);
  run('npx', ['vite', 'build', '--logLevel', 'error'], app);
  site = await serveSite({ '/content/': root('content'), '/': `${app}/dist` }, { headers: { 'content-security-policy': CSP } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('the package: name, version, module entry, types, files, side effects, licence', () => {
  const manifest = JSON.parse(readFileSync(`${app}/node_modules/lectern/package.json`, 'utf8'));
  assert.equal(manifest.name, 'lectern');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.exports['.'].default, './lectern.js');
  assert.equal(manifest.exports['.'].types, './lectern.d.ts');
  assert.deepEqual(manifest.sideEffects, ['./lectern.js']);
  assert.ok(manifest.license);
  // Exactly the widget's files: not the standalone page or its content.
  const files = readdirSync(`${app}/node_modules/lectern`).sort();
  assert.ok(files.includes('lectern.d.ts') && files.some((f) => f.endsWith('_bg.wasm')), files.join(' '));
  assert.ok(!files.includes('index.html') && !files.includes('content'), files.join(' '));
});

test('the types: a consumer using all of them passes strict TypeScript; one misusing them fails on each misuse', () => {
  run('npx', ['tsc', '-p', 'types/tsconfig.json'], app);
  const result = spawnSync('npx', ['tsc', '-p', 'types/misuse.tsconfig.json', '--pretty', 'false'], { cwd: app, encoding: 'utf8' });
  assert.notEqual(result.status, 0, 'the misuse must not type-check');
  const lines = readFileSync(`${app}/types/misuse.tsx`, 'utf8').split('\n');
  const marked = lines.flatMap((line, i) => (line.includes('// error:') ? [i + 1] : []));
  const failing = [...new Set([...result.stdout.matchAll(/misuse\.tsx\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
  assert.deepEqual(failing, marked, result.stdout);
});

/** The element's shadow root's listeners on window and document, counted. */
async function listeners(page) {
  const cdp = await page.context().newCDPSession(page);
  let count = 0;
  for (const target of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    count += found.length;
  }
  await cdp.detach();
  return count;
}

test('in a React app bundled by Vite: live under a strict CSP from the bundle\'s own assets, driven by the host\'s picker, heard by React, one widget after 50 route changes', async () => {
  const { context, page, errors } = await pageWithErrorLog(browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  try {
    await page.goto(`${site.origin}/`);
    const title = page.locator('lectern-article h2.lc-article__title');
    await title.getByText(EN).waitFor();
    // The wasm and the stylesheet come from the bundle's asset URLs.
    assert.ok(requests.some((p) => /^\/assets\/lectern-[\w-]+\.wasm$/.test(p)), requests.join(' '));
    assert.ok(requests.some((p) => /^\/assets\/lectern-[\w-]+\.css$/.test(p)), requests.join(' '));
    // The host's picker drives the element (a property React sets).
    await page.selectOption('#language', 'zh-Hans');
    await title.getByText(HANS).waitFor();
    await page.selectOption('#language', 'en+zh-Hans');
    await page.locator('lectern-article [data-col="2"]').first().waitFor();
    // The reader's choice reaches a React handler.
    await page.locator('lectern-article').getByRole('link', { name: '繁體', exact: true }).click();
    await page.locator('#heard').getByText('zh-Hant').waitFor();
    // Route changes unmount and mount the element: one widget, no listeners left.
    await page.evaluate(() => { location.hash = '#/about'; });
    await page.evaluate(() => { location.hash = '#/article'; });
    await title.first().waitFor();
    // The title shows before the widget is live (it is pre-rendered), and
    // the widget's listeners come a task after it goes live: counted once
    // live and settled, as after the route changes below.
    await page.locator('lectern-article .lectern[id^="lectern-"]:not([id^="lectern-ssr"])').waitFor();
    await page.waitForTimeout(500);
    const before = await listeners(page);
    for (let i = 0; i < 50; i += 1) {
      await page.evaluate(() => { location.hash = '#/about'; });
      await page.locator('main p').waitFor();
      await page.evaluate(() => { location.hash = '#/article'; });
      await page.locator('lectern-article .lectern article').waitFor();
    }
    await page.waitForTimeout(500);
    assert.equal(await page.locator('lectern-article').count(), 1);
    assert.equal(await page.locator('lectern-article .lectern').count(), 1);
    assert.equal(await listeners(page), before, 'no listener left by the unmounted widgets');
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
