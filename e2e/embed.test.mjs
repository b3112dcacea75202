// Embedding, on the release build in headless Chromium: the example host page
// (examples/host) with aggressive CSS and a sticky header, under the strict
// CSP of the embed contract, with Lectern served from a sub-path
// (/assets/lectern/) and the content from another origin (CORS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EN, FORMS, HANS, HANT, holdWasm, inForm, launchBrowser, pageWithErrorLog, renderArticle, serveSite } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;

/** The embed contract's CSP, with the content's origin where this test needs it. */
function contractCsp(contentOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    // The contract's `https:` admits a real content host's images; this test's
    // content origin is plain http on 127.0.0.1, so it is named like connect-src.
    `img-src 'self' https: data: ${contentOrigin}`,
    `connect-src 'self' ${contentOrigin}`,
  ].join('; ');
}

let content;
let host;
/** The host page with its widgets in each form (FORMS). */
const hosts = {};
let browser;
before(async () => {
  content = await serveSite({ '/content/': root('content') }, { cors: true });
  const csp = contractCsp(content.origin);
  for (const form of FORMS) {
    hosts[form] = await serveSite(
      { '/assets/lectern/': root('dist'), '/': root('examples/host') },
      {
        headers: { 'content-security-policy': csp },
        // The page names its content at /content/; here it lives on another origin.
        rewriteHtml: (html) => inForm(html.replaceAll('"/content/', `"${content.origin}/content/`), form),
      },
    );
  }
  host = hosts[FORMS[0]];
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const server of Object.values(hosts)) await server.close();
  await content?.close();
});

/** The host page, recording CSP violations, console errors and lectern events. */
async function openHost(options = {}, form = FORMS[0]) {
  const { context, page, errors } = await pageWithErrorLog(browser, options);
  await page.addInitScript(() => {
    window.violations = [];
    window.lecternEvents = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    for (const name of ['lectern:languagechange', 'lectern:error']) {
      document.addEventListener(name, (e) =>
        window.lecternEvents.push({ name, id: e.target.id, detail: e.detail }),
      );
    }
  });
  await page.goto(`${hosts[form].origin}/`);
  return { context, page, errors };
}

/** A locator inside a widget's shadow root (Playwright pierces open shadow roots). */
const inWidget = (page, id, selector) => page.locator(`#${id} ${selector}`);

for (const form of FORMS) {
  test(`two widgets in different languages render under the strict CSP, with no violation and no console error but the missing one [${form}]`, async () => {
    const { context, page, errors } = await openHost({}, form);
    try {
      await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(EN).waitFor();
      await inWidget(page, 'widget-zh', 'h2.lc-article__title').getByText(HANT).waitFor();
      // The missing one fails on its own, with its own alert and event.
      await inWidget(page, 'widget-missing', '[role=alert]').waitFor();
      assert.match(await inWidget(page, 'widget-missing', '[role=alert]').textContent(), /could not be found/);
      await page.waitForFunction(() => window.lecternEvents.some((e) => e.name === 'lectern:error'));
      const event = (await page.evaluate(() => window.lecternEvents)).find((e) => e.name === 'lectern:error');
      assert.equal(event.id, 'widget-missing');
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      // The only console error is the browser's own note of the 404.
      assert.deepEqual(
        errors.filter((e) => !e.includes('404')),
        [],
      );
      // No h1 from an embed.
      assert.equal(await page.locator('#widget-en h1, #widget-zh h1').count(), 0);
    } finally {
      await context.close();
    }
  });
}

test('served from a CDN: the page, Lectern and the content on three origins, under the strict CSP widened by those origins only', async () => {
  const cdn = await serveSite({ '/lectern/': root('dist') }, { cors: true });
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${cdn.origin} 'wasm-unsafe-eval'`,
    `style-src 'self' ${cdn.origin}`,
    `img-src 'self' https: data: ${content.origin}`,
    `connect-src 'self' ${cdn.origin} ${content.origin}`,
  ].join('; ');
  const page0 = await serveSite(
    { '/': root('examples/host') },
    {
      headers: { 'content-security-policy': csp },
      rewriteHtml: (html) =>
        html
          .replaceAll('"/assets/lectern/', `"${cdn.origin}/lectern/`)
          .replaceAll('"/content/', `"${content.origin}/content/`),
    },
  );
  const { context, page, errors } = await pageWithErrorLog(browser);
  try {
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${page0.origin}/`);
    await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(EN).waitFor();
    await inWidget(page, 'widget-zh', 'h2.lc-article__title').getByText(HANT).waitFor();
    await inWidget(page, 'widget-en', 'a[lang="zh-Hans"]').click();
    await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(HANS).waitFor();
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    // Nothing of Lectern's came from the page's own origin.
    assert.deepEqual(page0.requests.filter((p) => /lectern/.test(p)), []);
    assert.ok(cdn.requests.some((p) => p.endsWith('.wasm')));
    // The only console errors are the missing article's.
    assert.ok(errors.every((e) => /404|no-such-article/.test(e)), errors.join('\n'));
  } finally {
    await context.close();
    await page0.close();
    await cdn.close();
  }
});

for (const form of FORMS) {
  test(`the wasm loads once for all widgets, from the sub-path [${form}]`, async () => {
    const { context, page } = await openHost({}, form);
    try {
      await inWidget(page, 'widget-zh', 'h2.lc-article__title').getByText(HANT).waitFor();
      await page.click('#add-later');
      await inWidget(page, 'widget-later', 'h2.lc-article__title').getByText('三个问题看懂制裁').waitFor();
      const wasm = host.requests.filter((p) => p.endsWith('.wasm'));
      assert.ok(wasm.length >= 1 && wasm.every((p) => p.startsWith('/assets/lectern/')), JSON.stringify(wasm));
      const perPage = await page.evaluate(() =>
        performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length,
      );
      assert.equal(perPage, 1);
    } finally {
      await context.close();
    }
  });
}

for (const form of FORMS) {
  test(`styles are isolated both ways [${form}]`, async () => {
    const { context, page } = await openHost({}, form);
    try {
      const title = inWidget(page, 'widget-en', 'h2.lc-article__title');
      await title.getByText(EN).waitFor();
      const style = (locator, prop) => locator.evaluate((el, p) => getComputedStyle(el)[p], prop);
      // Host CSS does not reach the widget.
      const para = inWidget(page, 'widget-en', '.lc-body__p').first();
      assert.notEqual(await style(para, 'color'), 'rgb(255, 0, 0)');
      assert.equal(await style(title, 'textTransform'), 'none');
      assert.notEqual(await style(para, 'fontFamily'), await style(page.locator('.host-p'), 'fontFamily'));
      assert.ok(parseFloat(await style(para, 'fontSize')) >= 16, 'the 62.5% root does not shrink the text');
      assert.equal(await style(para, 'textAlign'), 'start');
      const byline = inWidget(page, 'widget-en', '.lc-byline__author').first();
      assert.equal(await byline.evaluate((el) => getComputedStyle(el, '::before').content), 'none');
      // The widget's CSS does not reach the host.
      assert.equal(await style(page.locator('.host-p'), 'color'), 'rgb(255, 0, 0)');
      assert.equal(await style(page.locator('main h2').first(), 'textTransform'), 'uppercase');
      assert.equal(await style(page.locator('.host-img'), 'borderTopStyle'), 'dashed');
      assert.equal(await style(page.locator('.host-list li'), 'listStyleType'), 'square');
      // Nothing was added to the host's head or body outside the widgets.
      const sheets = await page.evaluate(() => document.styleSheets.length);
      assert.equal(sheets, 1, 'only host.css');
    } finally {
      await context.close();
    }
  });
}

for (const form of FORMS) {
  test(`the host's URL, hash and scroll change only by the reader's action [${form}]`, async () => {
    const { context, page } = await openHost({}, form);
    try {
      await inWidget(page, 'widget-zh', 'h2.lc-article__title').getByText(HANT).waitFor();
      await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(EN).waitFor();
      const url = page.url();
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      await inWidget(page, 'widget-en', 'a[lang="zh-Hans"]').click();
      await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(HANS).waitFor();
      assert.equal(page.url(), url);
      const events = await page.evaluate(() => window.lecternEvents.filter((e) => e.name === 'lectern:languagechange'));
      assert.deepEqual(events, [{ name: 'lectern:languagechange', id: 'widget-en', detail: { lang: 'zh-Hans' } }]);
      // Back-to-top scrolls to the widget, below the sticky header, and leaves the hash alone.
      await inWidget(page, 'widget-zh', '[data-block-id=p9]').scrollIntoViewIfNeeded();
      const back = inWidget(page, 'widget-zh', 'a.lc-back-to-top');
      await back.waitFor();
      await back.click();
      await page.waitForFunction(() => {
        const host = document.getElementById('widget-zh');
        return host.shadowRoot.activeElement?.matches('.lc-article__title');
      });
      await page.waitForFunction(() => {
        const top = document.getElementById('widget-zh').getBoundingClientRect().top;
        return top >= 50 && top < 200;
      });
      assert.equal(page.url(), url);
      // An inline related article opens in place without touching the host's URL.
      await inWidget(page, 'widget-zh', '.lc-teaser a').first().click();
      await inWidget(page, 'widget-zh', 'h2.lc-article__title').getByText('如何解讀峰會公報').waitFor();
      assert.equal(page.url(), url);
    } finally {
      await context.close();
    }
  });
}

test('the JS API mounts, switches language and destroys; keyboard focus works inside', async () => {
  const { context, page } = await openHost();
  try {
    await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(EN).waitFor();
    await page.evaluate((src) => {
      const el = document.createElement('div');
      el.id = 'widget-api';
      document.querySelector('main').append(el);
      window.apiHandle = window.Lectern.mount(el, { src, lang: 'zh-Hans', headingLevel: 3 });
    }, `${content.origin}/content/diplomacy-between-languages/en.json`);
    await inWidget(page, 'widget-api', 'h3.lc-article__title').getByText('语言之间的外交').waitFor();
    await page.evaluate(() => window.apiHandle.setLanguage('en'));
    await inWidget(page, 'widget-api', 'h3.lc-article__title').getByText('Diplomacy Between Languages').waitFor();
    // Keyboard: Tab reaches the language choices inside the shadow root, with a visible outline.
    await inWidget(page, 'widget-api', 'a[lang="en"]').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.getElementById('widget-api').shadowRoot.activeElement;
      return { text: active?.textContent, outline: active && getComputedStyle(active).outlineStyle };
    });
    assert.deepEqual(focused, { text: '简体', outline: 'solid' });
    await page.evaluate(() => window.apiHandle.destroy());
    assert.equal(await page.evaluate(() => document.getElementById('widget-api').shadowRoot.childElementCount), 0);
    // Removing a widget's element from the page does not disturb the others.
    await page.evaluate(() => document.getElementById('widget-missing').remove());
    await inWidget(page, 'widget-en', 'a[lang="zh-Hant"]').click();
    await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(HANT).waitFor();
  } finally {
    await context.close();
  }
});

test('setLanguage negotiates (zh-TW gives 繁體), works before the first render and when repeated after the reader switched', async () => {
  const { context, page } = await openHost();
  try {
    await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(EN).waitFor();
    const src = `${content.origin}/content/china-opportunity-to-lead-on-north-korea/en.json`;
    await page.evaluate((src) => {
      const el = document.createElement('div');
      el.id = 'widget-set';
      document.querySelector('main').append(el);
      window.setHandle = window.Lectern.mount(el, { src, lang: 'en' });
      // Before anything has rendered (the stylesheet is still loading).
      window.setHandle.setLanguage('zh-TW');
    }, src);
    await inWidget(page, 'widget-set', 'h2.lc-article__title').getByText(HANT).waitFor();
    // The reader picks English in the widget; the host asks for zh-TW again.
    await inWidget(page, 'widget-set', 'a[lang="en"]').click();
    await inWidget(page, 'widget-set', 'h2.lc-article__title').getByText(EN).waitFor();
    await page.evaluate(() => window.setHandle.setLanguage('zh-TW'));
    await inWidget(page, 'widget-set', 'h2.lc-article__title').getByText(HANT).waitFor();
    await page.evaluate(() => window.setHandle.setLanguage('zh-CN'));
    await inWidget(page, 'widget-set', 'h2.lc-article__title').getByText(HANS).waitFor();
  } finally {
    await context.close();
  }
});

test("a publisher's pre-rendered article shows before any script runs and the widget takes its place", async () => {
  // The page as the publisher would build it: the article rendered into the element.
  const article = 'content/china-opportunity-to-lead-on-north-korea/en.json';
  const snippet = renderArticle(article, `${content.origin}/${article}`);
  const pre = await serveSite(
    { '/assets/lectern/': root('dist'), '/': root('examples/host') },
    {
      headers: {
        'content-security-policy': contractCsp(content.origin),
      },
      rewriteHtml: (html) =>
        html.replaceAll('"/content/', `"${content.origin}/content/`).replace('<!-- lectern:prerender -->', () => snippet),
    },
  );
  try {
    const still = await browser.newContext({ javaScriptEnabled: false });
    const stillPage = await still.newPage();
    await stillPage.goto(`${pre.origin}/prerendered.html`);
    const title = stillPage.locator('#widget-pre h2.lc-article__title');
    assert.equal((await title.textContent()).trim(), EN);
    assert.equal(await stillPage.locator('#widget-pre .lc-body__p').count(), 10);
    const before = await title.boundingBox();
    await still.close();

    const { context, page, errors } = await pageWithErrorLog(browser);
    try {
      await page.goto(`${pre.origin}/prerendered.html`);
      // The widget's own rendering: inside the shadow root, with the date formatted.
      await page.waitForFunction(() => {
        const shadow = document.getElementById('widget-pre').shadowRoot;
        return shadow?.querySelector('.lc-article__meta time')?.textContent === 'Apr 4, 2018' && !shadow.querySelector('slot');
      });
      const state = await page.evaluate(() => {
        const shadow = document.getElementById('widget-pre').shadowRoot;
        const titleBox = shadow.querySelector('h2.lc-article__title').getBoundingClientRect();
        return { slot: shadow.querySelector('slot') !== null, x: titleBox.x, y: titleBox.y, width: titleBox.width, height: titleBox.height };
      });
      assert.deepEqual(state, { slot: false, ...before });
      assert.deepEqual(errors, []);
      // The shadow root reuses the page's lectern.css: the widget's
      // stylesheet is never downloaded a second time under its hashed name.
      const sheets = pre.requests.filter((p) => /^\/assets\/lectern\/lectern[^/]*\.css$/.test(p));
      assert.ok(sheets.length > 0 && sheets.every((p) => p === '/assets/lectern/lectern.css'), JSON.stringify(sheets));
    } finally {
      await context.close();
    }
  } finally {
    await pre.close();
  }
});

test("an older release's pre-render (no JSON in it) still works: it stays until the document has arrived", async () => {
  const article = 'content/china-opportunity-to-lead-on-north-korea/en.json';
  const snippet = renderArticle(article, `${content.origin}/${article}`).replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
  assert.doesNotMatch(snippet, /<script/);
  const site = await serveSite(
    { '/assets/lectern/': root('dist'), '/': root('examples/host') },
    {
      headers: { 'content-security-policy': contractCsp(content.origin) },
      rewriteHtml: (html) =>
        html.replaceAll('"/content/', `"${content.origin}/content/`).replace('<!-- lectern:prerender -->', () => snippet),
    },
  );
  const { context, page, errors } = await pageWithErrorLog(browser);
  try {
    await page.addInitScript(() => {
      window.skeleton = false;
      new MutationObserver(() => {
        if (document.getElementById('widget-pre')?.shadowRoot?.querySelector('.lc-skeleton:not([hidden] *)')) {
          const container = document.getElementById('widget-pre').shadowRoot.querySelector('div');
          if (!container.hidden) window.skeleton = true;
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${site.origin}/prerendered.html`);
    await page.waitForFunction(() => {
      const shadow = document.getElementById('widget-pre').shadowRoot;
      return shadow?.querySelector('slot') === null && shadow.querySelector('h2')?.textContent.includes('North Korea');
    });
    assert.equal(await page.evaluate(() => window.skeleton), false, 'no skeleton in place of the pre-render');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await site.close();
  }
});

test('a pre-render that cannot be refreshed (no JSON) stays when its document fails: the alert above it, Retry, lectern:error', async () => {
  const article = 'content/china-opportunity-to-lead-on-north-korea/en.json';
  const url = `${content.origin}/${article}`;
  const withoutJson = (html) => html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
  // In the page (shown through a slot), and in a declarative shadow root.
  const forms = {
    slot: withoutJson(renderArticle(article, url)),
    declarative: withoutJson(renderArticle(article, url, ['--embed', url, '--css', '/assets/lectern/lectern.css'])),
  };
  for (const [form, snippet] of Object.entries(forms)) {
    assert.doesNotMatch(snippet, /data-lectern-article/);
    let failing = true;
    const site = await serveSite(
      { '/assets/lectern/': root('dist'), '/': root('examples/host') },
      {
        headers: { 'content-security-policy': contractCsp(content.origin) },
        rewriteHtml: (html) => {
          const page = html.replaceAll('"/content/', `"${content.origin}/content/`);
          return form === 'slot'
            ? page.replace('<!-- lectern:prerender -->', () => snippet)
            // The embed replaces the whole element.
            : page.replace(/<div id="widget-pre"[^>]*>.*?<\/div>/s, () => snippet.replace('<div ', '<div id="widget-pre" '));
        },
      },
    );
    const { context, page } = await pageWithErrorLog(browser);
    try {
      await page.route(`${url}`, (route) => (failing ? route.fulfill({ status: 503, body: 'down' }) : route.fallback()));
      await page.addInitScript(() => {
        window.errors = [];
        document.addEventListener('lectern:error', (e) => window.errors.push(e.detail.message));
      });
      await page.goto(`${site.origin}/prerendered.html`);
      const alert = page.locator('#widget-pre [role=alert]');
      await alert.waitFor();
      await page.waitForTimeout(10_000);
      // Still readable, ten seconds on: the article, and the alert above it.
      const title = page.locator('#widget-pre h2.lc-article__title');
      assert.equal(await title.isVisible(), true, form);
      assert.match(await title.textContent(), /North Korea/);
      assert.ok((await alert.boundingBox()).y < (await title.boundingBox()).y, `${form}: the alert above the article`);
      assert.match(await alert.textContent(), /HTTP 503/);
      assert.ok((await page.evaluate(() => window.errors)).some((m) => /503/.test(m)), form);
      // Retry, once the server is back: the widget takes the article's place.
      failing = false;
      await alert.getByRole('button', { name: 'Retry' }).click();
      await page.waitForFunction(() => {
        const shadow = document.getElementById('widget-pre').shadowRoot;
        const live = shadow.querySelector('.lectern[id^="lectern-"]:not([id^="lectern-ssr"])');
        return live?.querySelector('.lc-article__meta time')?.textContent === 'Apr 4, 2018' && !shadow.querySelector('[role=alert]');
      });
      // One article on screen (a slotted pre-render stays in the page's DOM,
      // unshown, as before).
      const shown = await page.locator('#widget-pre h2.lc-article__title').evaluateAll((all) => all.filter((t) => t.getClientRects().length > 0).length);
      assert.equal(shown, 1, `${form}: one article`);
    } finally {
      await context.close();
      await site.close();
    }
  }
});

for (const form of FORMS) {
  test(`a pre-render in a declarative shadow root is readable without scripts and hydrated in place [${form}]`, async () => {
    const article = 'content/china-opportunity-to-lead-on-north-korea/en.json';
    const url = `${content.origin}/${article}`;
    // lectern-cli render --embed writes the element in either form.
    const element = form === 'lectern-article' ? ['--element'] : [];
    const snippet = renderArticle(article, url, ['--embed', url, '--css', '/assets/lectern/lectern.css', ...element])
      .replace(/^<(div|lectern-article) /, '<$1 id="widget-dsd" ');
    assert.ok(snippet.startsWith(form === 'lectern-article' ? '<lectern-article id="widget-dsd" src=' : '<div id="widget-dsd" data-lectern-src='), snippet.slice(0, 80));
    const site = await serveSite(
      { '/assets/lectern/': root('dist'), '/': root('examples/host') },
      {
        headers: { 'content-security-policy': contractCsp(content.origin) },
        rewriteHtml: (html) => html.replace('<!-- lectern:embed -->', () => snippet),
      },
    );
    try {
      const still = await browser.newContext({ javaScriptEnabled: false });
      const stillPage = await still.newPage();
      await stillPage.goto(`${site.origin}/declarative.html`);
      assert.equal((await stillPage.locator('#widget-dsd h2.lc-article__title').textContent()).trim(), EN);
      // Styled by lectern.css in the shadow root, not by the host's CSS.
      const font = await stillPage.locator('#widget-dsd .lc-body__p').first().evaluate((p) => getComputedStyle(p).fontFamily);
      assert.doesNotMatch(font, /Comic/i);
      await still.close();

      const { context, page, errors } = await pageWithErrorLog(browser);
      try {
        const release = await holdWasm(page);
        const documents = [];
        page.on('request', (r) => r.url().endsWith('.json') && documents.push(r.url()));
        await page.goto(`${site.origin}/declarative.html`);
        assert.ok(await page.evaluate(() => {
          window.preTitle = document.getElementById('widget-dsd').shadowRoot.querySelector('h2');
          return window.preTitle?.textContent.includes('North Korea');
        }));
        release();
        await page.waitForFunction(() => {
          const root = document.getElementById('widget-dsd').shadowRoot.querySelector('.lectern');
          return root && !root.id.startsWith('lectern-ssr');
        });
        assert.ok(await page.evaluate(() => window.preTitle === document.getElementById('widget-dsd').shadowRoot.querySelector('h2')));
        assert.deepEqual(documents.filter((u) => u.endsWith('/en.json')), [], 'the inline JSON was used');
        // The publisher's stylesheet link stays (no second download).
        const sheets = await page.evaluate(() =>
          [...document.getElementById('widget-dsd').shadowRoot.querySelectorAll('link')].map((l) => new URL(l.href).pathname),
        );
        assert.deepEqual(sheets, ['/assets/lectern/lectern.css']);
        await inWidget(page, 'widget-dsd', 'a[lang="zh-Hant"]').click();
        await inWidget(page, 'widget-dsd', 'h2.lc-article__title').getByText(HANT).waitFor();
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    } finally {
      await site.close();
    }
  });
}

test('a panic in the wasm is reported in every widget, and widgets mounted after it say so too', async () => {
  const { readdirSync } = await import('node:fs');
  const glue = readdirSync(root('dist')).find((f) => /^lectern-[0-9a-f]+\.js$/.test(f));
  const { context, page, errors } = await openHost();
  try {
    await inWidget(page, 'widget-en', 'h2.lc-article__title').getByText(EN).waitFor();
    await inWidget(page, 'widget-zh', 'h2.lc-article__title').getByText(HANT).waitFor();
    await inWidget(page, 'widget-missing', '[role=alert]').waitFor();
    // The test-only export panics; called from a timer, as a panic in an
    // event handler or a timer would happen (nothing of lectern.js's on the stack).
    await page.evaluate(async (url) => {
      const module = await import(url);
      setTimeout(() => module.lectern_test_panic());
    }, `${host.origin}/assets/lectern/${glue}`);
    const crashed = {
      'widget-en': 'Lectern stopped working. Reload the page to read the article.',
      'widget-zh': 'Lectern 已停止運作。請重新載入頁面閱讀文章。',
      'widget-missing': 'Lectern stopped working. Reload the page to read the article.',
    };
    for (const [id, text] of Object.entries(crashed)) {
      const alert = inWidget(page, id, '[role=alert]');
      await alert.getByText(text).waitFor();
      assert.equal(await inWidget(page, id, '.lc-article').count(), 0, `${id} no longer shows a dead article`);
    }
    const reported = await page.evaluate(() =>
      window.lecternEvents.filter((e) => e.name === 'lectern:error' && /stopped working/.test(e.detail.message)).map((e) => e.id),
    );
    assert.deepEqual(reported.sort(), Object.keys(crashed).sort());
    // A widget added after the crash reports it instead of staying blank.
    await page.click('#add-later');
    await inWidget(page, 'widget-later', '[role=alert]').getByText('Lectern 已停止运行。请重新加载页面阅读文章。').waitFor();
    await page.waitForFunction(() => window.lecternEvents.some((e) => e.name === 'lectern:error' && e.id === 'widget-later'));
    // A publisher's pre-render in a declarative shadow root, added after the
    // crash: it stays readable, the alert above it.
    const article = 'content/china-opportunity-to-lead-on-north-korea/en.json';
    const url = `${content.origin}/${article}`;
    const snippet = renderArticle(article, url, ['--embed', url, '--css', '/assets/lectern/lectern.css'])
      .replace('<div data-lectern-src=', '<div id="widget-dsd-later" data-lectern-src=');
    await page.evaluate((html) => {
      const holder = document.createElement('div');
      holder.setHTMLUnsafe(html);
      document.body.append(...holder.childNodes);
    }, snippet);
    await inWidget(page, 'widget-dsd-later', '[role=alert]').getByText(crashed['widget-en']).waitFor();
    assert.equal((await inWidget(page, 'widget-dsd-later', 'h2.lc-article__title').textContent()).trim(), EN);
    assert.ok(errors.some((e) => e.includes('unreachable')), 'the trap itself reaches the console');
  } finally {
    await context.close();
  }
});
