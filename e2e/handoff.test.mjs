// The handoff from the pre-rendered article to the live widget, on the
// standalone page of the release build: the reader's language first, what
// stays on screen when something fails, links that work before the wasm,
// and a pre-render that does not fit (replaced, never a crash).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EN, HANS, HANT, holdWasm, pageWithErrorLog, SAMPLE, serveFolder, siteAndBrowser } from './support.mjs';

const LIVE = '.lectern[id^="lectern-"]:not([id^="lectern-ssr"])';

const held = siteAndBrowser({ before, after });

/** Records every title the page shows, whether a skeleton ever shows, and lectern events. */
function watchScreen() {
  window.titles = [];
  window.skeleton = false;
  window.events = [];
  for (const name of ['lectern:error', 'lectern:languagechange']) {
    document.addEventListener(name, (e) => window.events.push({ name, detail: e.detail }));
  }
  new MutationObserver(() => {
    const title = document.querySelector('article h1')?.textContent.trim();
    if (title && title !== window.titles.at(-1)) window.titles.push(title);
    if (document.querySelector('.lc-skeleton')) window.skeleton = true;
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

test('a reader in Taiwan: 繁體 is requested first, the pre-render stays until it arrives, each document once', async () => {
  const { context, page, errors } = await pageWithErrorLog(held.browser, { locale: 'zh-TW' });
  try {
    const documents = [];
    // Documents, not the UI catalogs (i18n/zh-Hant.json).
    page.on('request', (r) => r.url().endsWith('.json') && !r.url().includes('/i18n/') && documents.push(new URL(r.url()).pathname.split('/').pop()));
    await page.addInitScript(watchScreen);
    await page.goto(`${held.server.origin}/`);
    await page.locator(`${LIVE} article h1`, { hasText: HANT }).waitFor();
    await page.waitForTimeout(1500); // idle prefetch
    const seen = await page.evaluate(() => ({ titles: window.titles, skeleton: window.skeleton }));
    assert.deepEqual(seen, { titles: [EN, HANT], skeleton: false });
    assert.equal(documents[0], 'zh-Hant.json', `requested ${documents}`);
    assert.ok(!documents.includes('en.json'), 'the pre-rendered English was not downloaded');
    assert.equal(new Set(documents).size, documents.length, `each once: ${documents}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a failed switch keeps the article, says so inline with Retry, tells the host, and the other choices work', async () => {
  const { context, page } = await pageWithErrorLog(held.browser);
  try {
    let fail = true;
    await page.route(`${SAMPLE}zh-Hans.json`, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
    await page.addInitScript(watchScreen);
    await page.goto(`${held.server.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).waitFor();
    await page.locator(`${LIVE} a[lang="zh-Hans"]`).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /network seems to be down/);
    // The article stays, with its title and body.
    assert.equal((await page.locator('article h1').textContent()).trim(), EN);
    assert.ok((await page.locator('.lc-body__p').count()) > 3);
    const events = await page.evaluate(() => window.events.map((e) => e.name));
    assert.ok(events.includes('lectern:error'), `events: ${events}`);
    // Another version still opens (and drops the alert)...
    await page.locator(`${LIVE} a[lang="zh-Hant"]`).click();
    await page.locator('article h1', { hasText: HANT }).waitFor();
    assert.equal(await alert.count(), 0);
    // ...and Retry recovers the one that failed.
    await page.locator(`${LIVE} a[lang="zh-Hans"]`).click();
    await alert.waitFor();
    fail = false;
    await page.getByRole('button', { name: '重試' }).click();
    await page.locator('article h1', { hasText: HANS }).waitFor();
  } finally {
    await context.close();
  }
});

test('when the preferred version cannot be fetched, the pre-render stays readable with Retry', async () => {
  const { context, page } = await pageWithErrorLog(held.browser, { locale: 'zh-TW' });
  try {
    await page.route(`${SAMPLE}zh-Hant.json`, (route) => route.fulfill({ status: 503, body: 'busy' }));
    await page.addInitScript(watchScreen);
    await page.goto(`${held.server.origin}/`);
    await page.getByRole('alert').waitFor();
    assert.equal((await page.locator('article h1').textContent()).trim(), EN);
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 1);
    assert.equal(await page.evaluate(() => window.skeleton), false);
  } finally {
    await context.close();
  }
});

test('before the wasm arrives, a pre-rendered language choice is a link to that version', async () => {
  const context = await held.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${held.server.origin}/`);
    await page.locator('a[lang="zh-Hans"]').click();
    await page.waitForURL(/\?lang=zh-Hans$/);
  } finally {
    await context.close();
  }
  // With scripts, that URL shows 简体.
  const { context: live, page, errors } = await pageWithErrorLog(held.browser);
  try {
    await page.goto(`${held.server.origin}/?lang=zh-Hans`);
    await page.locator(`${LIVE} article h1`, { hasText: HANS }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await live.close();
  }
});

/** Serves the built site with `rewrite` applied to its index.html. */
async function withRewrittenPage(rewrite, body) {
  const site = await serveFolder(new URL('../dist/', import.meta.url).pathname, { rewriteHtml: rewrite });
  const { context, page, errors } = await pageWithErrorLog(held.browser);
  try {
    await body(page, site.origin, errors);
  } finally {
    await context.close();
    await site.close();
  }
}

test('a pre-render without comments is hydrated; one with a node injected is replaced, never a crash', async () => {
  // Minifiers strip comments: nothing depends on them.
  await withRewrittenPage((html) => html.replace(/<!--[\s\S]*?-->/g, ''), async (page, origin, errors) => {
    await page.goto(`${origin}/?lang=en`);
    const before = await page.evaluateHandle(() => document.querySelector('article h1'));
    await page.locator(`${LIVE} article h1`).waitFor();
    assert.ok(await page.evaluate((node) => node === document.querySelector('article h1'), before), 'hydrated in place');
    // The warm-up before the hydration (src/mount.rs) leaves nothing on the page.
    assert.equal(await page.locator('.lc-warm').count(), 0);
    assert.deepEqual(errors, []);
  });
  // A node the widget did not render (a host script, a browser extension).
  const inject = (html) => html.replace(/<div class="?lc-article__body"?>/, '$&<aside class="injected">ad</aside>');
  await withRewrittenPage(inject, async (page, origin, errors) => {
    const release = await holdWasm(page);
    await page.goto(`${origin}/?lang=en`);
    assert.equal(await page.locator('.injected').count(), 1);
    release();
    await page.locator(`${LIVE} article h1`).waitFor();
    assert.equal(await page.locator('.injected').count(), 0, 'replaced');
    assert.equal(await page.locator('.lectern').count(), 1);
    // Live, not crashed: a switch works.
    await page.locator(`${LIVE} a[lang="zh-Hant"]`).click();
    await page.locator('article h1', { hasText: HANT }).waitFor();
    assert.deepEqual(errors, []);
  });
});

test('a node added after the pre-render was checked, before it is hydrated, is noticed: replaced, never a crash', async () => {
  // The widget checks the pre-render in one task and hydrates it in the
  // next; a host script adds a node in between (as soon as the check has
  // removed a comment it put in the body).
  const comment = (html) => html.replace(/<div class="?lc-article__body"?>/, '$&<!--between-->');
  await withRewrittenPage(comment, async (page, origin, errors) => {
    await page.addInitScript(() => {
      new MutationObserver((records, observer) => {
        const removed = records.flatMap((r) => [...r.removedNodes]);
        if (removed.some((n) => n.nodeType === Node.COMMENT_NODE && n.data === 'between')) {
          observer.disconnect();
          const aside = Object.assign(document.createElement('aside'), { className: 'injected', textContent: 'ad' });
          document.querySelector('.lc-article__body').prepend(aside);
          window.injected = true;
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).waitFor();
    assert.equal(await page.evaluate(() => window.injected), true, 'added between the check and the hydration');
    assert.equal(await page.locator('.injected').count(), 0, 'replaced');
    await page.locator(`${LIVE} a[lang="zh-Hant"]`).click();
    await page.locator('article h1', { hasText: HANT }).waitFor();
    assert.deepEqual(errors, []);
  });
});

test('the place is kept across a switch for a document without block ids, by position', async () => {
  const strip = (json) => {
    const doc = JSON.parse(json);
    for (const block of doc.body) delete block.id;
    return JSON.stringify(doc);
  };
  const { context, page, errors } = await pageWithErrorLog(held.browser, { viewport: { width: 800, height: 600 } });
  try {
    for (const lang of ['en', 'zh-Hans']) {
      await page.route(`${SAMPLE}${lang}.json`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: strip(await response.text()) });
      });
    }
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    await page.locator(`${LIVE} article h1`).waitFor();
    assert.equal(await page.locator('[data-block-id]').count(), 0);
    // The passage: the first block whose bottom is below the viewport's top.
    const passage = () => page.evaluate(() => {
      const blocks = [...document.querySelectorAll('.lc-article__body > *')];
      const index = blocks.findIndex((b) => b.getBoundingClientRect().bottom > 0);
      return { index, top: Math.round(blocks[index].getBoundingClientRect().top) };
    });
    await page.evaluate(() => {
      const block = document.querySelectorAll('.lc-article__body > *')[7];
      window.scrollBy(0, block.getBoundingClientRect().top - 100);
    });
    const before = await passage();
    assert.ok(before.index >= 6, `scrolled to block ${before.index}`);
    await page.locator(`${LIVE} a[lang="zh-Hans"]`).evaluate((a) => a.click());
    await page.locator('article h1', { hasText: HANS }).waitFor();
    await page.waitForTimeout(100);
    const after = await passage();
    assert.equal(after.index, before.index);
    assert.ok(Math.abs(after.top - before.top) <= 2, `block ${before.index} moved from ${before.top} to ${after.top}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
