// The standalone page of the release build (dist/), in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, pageWithErrorLog, serveFolder } from './support.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const SAMPLE = new URL(
  '../content/china-opportunity-to-lead-on-north-korea/en.json',
  import.meta.url,
).pathname;

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
].join('; ');

let server;
let browser;
before(async () => {
  // The standalone page runs under a policy without 'unsafe-inline'.
  server = await serveFolder(DIST, { headers: { 'content-security-policy': CSP } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the standalone page shows the sample article title as its h1 under a strict CSP, with no console error', async () => {
  const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
  const { context, page, errors } = await pageWithErrorLog(browser);
  try {
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
    });
    await page.goto(`${server.origin}/`);
    const title = page.locator('article h1');
    await title.waitFor({ timeout: 15_000 });
    assert.equal((await title.textContent()).trim(), sample.title);
    assert.equal(await page.locator('article').getAttribute('lang'), sample.lang);
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.violations), []);
  } finally {
    await context.close();
  }
});
