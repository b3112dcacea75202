// The standalone page of the release build (dist/), in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { holdWasm, launchBrowser, pageWithErrorLog, serveFolder } from './support.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const SAMPLE = new URL(
  '../content/china-opportunity-to-lead-on-north-korea/en.json',
  import.meta.url,
).pathname;


let server;
let browser;
before(async () => {
  // The standalone page carries its own policy (a <meta>), without 'unsafe-inline'.
  server = await serveFolder(DIST);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the standalone page carries a strict CSP: its inline style and script are allowed by hash only', async () => {
  const { context, page } = await pageWithErrorLog(browser);
  try {
    await page.goto(`${server.origin}/`);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'; style-src 'self' 'sha256-[^']+'/);
    // First paint needs nothing but the HTML: no stylesheet, no classic script.
    const blocking = await page.evaluate(() => [
      ...document.querySelectorAll('link[rel~="stylesheet"], script[src]:not([type="module"])'),
    ].length);
    assert.equal(blocking, 0);
  } finally {
    await context.close();
  }
});

test('?article=SLUG never paints the default article first', async () => {
  const { context, page } = await pageWithErrorLog(browser);
  try {
    const release = await holdWasm(page);
    await page.goto(`${server.origin}/?article=diplomacy-between-languages&lang=en`);
    const visibility = await page.locator('.lectern[id^="lectern-ssr"]').evaluate((e) => getComputedStyle(e).visibility);
    assert.equal(visibility, 'hidden');
    release();
    await page.locator('.lectern:not([id^="lectern-ssr"]) article h1', { hasText: 'Diplomacy Between Languages' }).waitFor();
    assert.equal(await page.locator('.lectern[id^="lectern-ssr"]').count(), 0);
  } finally {
    await context.close();
  }
  // Without ?article=, the pre-render shows.
  const { context: plain, page: other } = await pageWithErrorLog(browser);
  try {
    await other.goto(`${server.origin}/`);
    assert.equal(await other.locator('article').first().evaluate((e) => getComputedStyle(e).visibility), 'visible');
  } finally {
    await plain.close();
  }
});

test('the standalone page shows the sample article title as its h1 under its strict CSP, with no console error', async () => {
  const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
  const { context, page, errors } = await pageWithErrorLog(browser);
  try {
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
    });
    await page.goto(`${server.origin}/`);
    const title = page.locator('.lectern:not([id^="lectern-ssr"]) article h1');
    await title.waitFor({ timeout: 15_000 });
    assert.equal((await title.textContent()).trim(), sample.title);
    assert.equal(await page.locator('article').getAttribute('lang'), sample.lang);
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.violations), []);
  } finally {
    await context.close();
  }
});

test('the standalone page has a description: the article\'s dek, or its first paragraph shortened', async () => {
  const html = await readFile(new URL('../dist/index.html', import.meta.url), 'utf8');
  const description = html.match(/<meta name="?description"? content="([^"]*)"/)?.[1];
  assert.ok(description?.startsWith('The desire for a diplomatic, peaceful solution'), description);
  assert.ok(description.endsWith('…') && [...description].length <= 161, description);
});

test('the standalone page is readable before any script runs (pre-rendered at build time)', async () => {
  const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    assert.equal((await page.locator('article h1').textContent()).trim(), sample.title);
    assert.equal(await page.locator('.lc-body__p').count(), sample.body.length);
    assert.equal(await page.locator('.lc-teaser a').first().getAttribute('href'), '?article=reading-a-summit-communique');
    assert.equal(await page.locator('.lc-teaser img').count(), 4);
  } finally {
    await context.close();
  }
});

test('the widget takes the pre-rendered article\'s place without moving it', async () => {
  // Where the pre-rendered title sits, as a reader sees it before the wasm runs.
  const still = await browser.newContext({ javaScriptEnabled: false });
  const stillPage = await still.newPage();
  await stillPage.goto(`${server.origin}/`);
  const before = await stillPage.locator('article h1').boundingBox();
  const beforeBody = await stillPage.locator('[data-block-id=p3]').boundingBox();
  await still.close();
  const { context, page, errors } = await pageWithErrorLog(browser);
  try {
    await page.goto(`${server.origin}/`);
    // The widget's own rendering has the formatted date and its instance id.
    await page.locator('.lectern[id^="lectern-"]:not([id^="lectern-ssr"]) article h1').waitFor();
    await page.locator('.lc-article__meta time', { hasText: 'Apr 4, 2018' }).waitFor();
    assert.deepEqual(await page.locator('article h1').boundingBox(), before);
    assert.deepEqual(await page.locator('[data-block-id=p3]').boundingBox(), beforeBody);
    assert.equal(await page.locator('.lectern[id^="lectern-ssr"]').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the widget hydrates the pre-render: same title node, focus and selection kept, no layout shift', async () => {
  const { context, page, errors } = await pageWithErrorLog(browser);
  try {
    const release = await holdWasm(page);
    const documents = [];
    page.on('request', (r) => r.url().endsWith('.json') && documents.push(r.url()));
    await page.goto(`${server.origin}/?lang=en`);
    await page.evaluate(() => {
      window.shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      window.preTitle = document.querySelector('h1');
      const p = document.querySelector('[data-block-id=p2]');
      getSelection().selectAllChildren(p);
      window.selected = getSelection().toString();
    });
    await page.locator('[id^="lectern-ssr"] a[lang="zh-Hans"]').focus();
    release();
    // Live: the root's id is the widget's own.
    await page.locator('.lectern[id^="lectern-"]:not([id^="lectern-ssr"]) article h1').waitFor();
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => ({
      same: document.querySelector('h1') === window.preTitle,
      focused: document.activeElement?.matches('.lectern a[lang="zh-Hans"]'),
      selection: getSelection().toString() === window.selected && window.selected.length > 20,
      shifts: window.shifts,
    }));
    assert.deepEqual({ ...after, shifts: undefined }, { same: true, focused: true, selection: true, shifts: undefined });
    assert.ok(after.shifts < 0.01, `cumulative layout shift ${after.shifts}`);
    // The pre-render carried its JSON: the article was not downloaded again
    // (the other versions are prefetched when idle).
    assert.deepEqual(documents.filter((url) => url.endsWith('/en.json')), []);
    // And it is live: a language link switches in place.
    await page.locator('.lectern a[lang="zh-Hans"]').click();
    await page.locator('article h1', { hasText: '中国在朝鲜问题上发挥领导作用的机遇' }).waitFor();
    assert.equal(await page.evaluate(() => new URL(location.href).searchParams.get('lang')), 'zh-Hans');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
