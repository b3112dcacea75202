// A publisher's page and network that misbehave, on the release build:
// elements that cannot be mounted, documents that point elsewhere, cookies,
// a body that never ends, errors of every kind, and what the host hears.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EN, FORMS, HANT, inForm, launchBrowser, pageWithErrorLog, serveSite } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
const SAMPLE = '/content/china-opportunity-to-lead-on-north-korea/en.json';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A page with `body` in its <main>, its widgets in `form`, Lectern under
 * /assets/lectern/ and the content under /content/, on one origin; `handle`
 * answers dynamic routes. */
async function pageIn(form, body, handle, style = '') {
  const html = inForm(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,"><style>${style}</style>
    <script type="module" src="/assets/lectern/lectern.js"></script></head><body><main>${body}</main></body></html>`, form);
  return serveSite(
    { '/assets/lectern/': root('dist'), '/content/': root('content') },
    {
      handle: async (req, res, extra) => {
        if (req.url === '/' || req.url.startsWith('/?')) {
          res.writeHead(200, { ...extra, 'content-type': 'text/html; charset=utf-8' }).end(html);
          return true;
        }
        return handle ? handle(req, res, extra) : false;
      },
    },
  );
}

/** Opens `site`, recording lectern events. */
async function open(site, path = '/') {
  const { context, page, errors } = await pageWithErrorLog(browser);
  await page.addInitScript(() => {
    window.events = [];
    for (const name of ['lectern:error', 'lectern:load', 'lectern:languagechange']) {
      document.addEventListener(name, (e) => window.events.push({ name, id: e.target.id, detail: e.detail }));
    }
  });
  await page.goto(`${site.origin}${path}`);
  return { context, page, errors };
}

const events = (page, name) => page.evaluate((n) => window.events.filter((e) => e.name === n), name);

// Every case on both forms of the embed: the data-lectern-src element and
// <lectern-article>.
for (const form of FORMS) {
  const hostPage = (body, handle, style) => pageIn(form, body, handle, style);

  test(`a bad element and an empty src before good widgets: the good ones work, the bad ones say so [${form}]`, async () => {
    const site = await hostPage(`
      <ul><li id="bad-li" data-lectern-src="${SAMPLE}">a list item cannot hold the widget</li></ul>
      <div id="empty" data-lectern-src=""></div>
      <div id="good" data-lectern-src="${SAMPLE}" data-lectern-lang="en"></div>`);
    const { context, page, errors } = await open(site);
    try {
      await page.locator('#good h2.lc-article__title', { hasText: EN }).waitFor();
      // A widget added after the failures is mounted too (the observer was installed first).
      await page.evaluate((src) => {
        const later = document.createElement('div');
        later.id = 'later';
        later.dataset.lecternSrc = src;
        later.dataset.lecternLang = 'zh-Hant';
        document.querySelector('main').append(later);
      }, SAMPLE);
      await page.locator('#later h2.lc-article__title', { hasText: HANT }).waitFor();
      const failures = (await events(page, 'lectern:error')).map((e) => e.id).sort();
      assert.deepEqual(failures, ['bad-li', 'empty']);
      assert.ok(errors.some((e) => /<li id="bad-li">.*cannot hold the widget.*<div>/.test(e)), errors.join('\n'));
      assert.match(await page.locator('#empty [role=alert]').textContent(), /no address/);
    } finally {
      await context.close();
      await site.close();
    }
  });

  test(`the network is fenced: a document pointing at another origin makes no request there, and no request carries cookies [${form}]`, async () => {
    const elsewhere = await serveSite({ '/': root('content') }, { cors: true });
    const sample = JSON.parse(readFileSync(root(`.${SAMPLE}`), 'utf8'));
    // A hostile document: its 繁體 version and a related article live elsewhere.
    for (const t of sample.translations) if (t.lang === 'zh-Hant') t.href = `${elsewhere.origin}/steal.json`;
    for (const r of sample.related ?? []) r.article = `${elsewhere.origin}/related.json`;
    const site = await hostPage(
      `<div id="w" data-lectern-src="${SAMPLE.replace('en.json', 'hostile.json')}" data-lectern-related="inline"></div>`,
      (req, res, extra) => {
        if (req.url !== SAMPLE.replace('en.json', 'hostile.json')) return false;
        res.writeHead(200, { ...extra, 'content-type': 'application/json' }).end(JSON.stringify(sample));
        return true;
      },
    );
    const { context, page, errors } = await open(site);
    try {
      await context.addCookies([{ name: 'session', value: 'secret', url: site.origin }]);
      await page.reload();
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await page.waitForTimeout(2000); // idle prefetch
      assert.deepEqual(elsewhere.requests, [], 'no request left the fence');
      // The fenced version is not offered; the others are.
      assert.equal(await page.locator('#w a[lang="zh-Hant"]').count(), 0);
      assert.equal(await page.locator('#w a[lang="zh-Hans"]').count(), 1);
      const documents = site.seen.filter((r) => r.path.endsWith('.json'));
      assert.ok(documents.length >= 2, JSON.stringify(documents.map((d) => d.path)));
      for (const { path, headers } of documents) {
        assert.equal(headers.cookie, undefined, `${path} carried cookies`);
        assert.equal(headers.accept, 'application/json', path);
        assert.equal(headers.referer, `${site.origin}/`, `${path}: the origin only`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await site.close();
      await elsewhere.close();
    }
  });

  test(`a relative src is made absolute once: every document is downloaded once [${form}]`, async () => {
    const site = await hostPage(`<div id="w" data-lectern-src="content/china-opportunity-to-lead-on-north-korea/en.json" data-lectern-lang="en"></div>`);
    const { context, page } = await open(site);
    try {
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await page.waitForTimeout(2000); // idle prefetch of the other versions
      await page.locator('#w a[lang="zh-Hant"]').click();
      await page.locator('#w h2.lc-article__title', { hasText: HANT }).waitFor();
      await page.locator('#w a[lang="en"]').click();
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      // Documents, and the UI catalogs (i18n/), each once.
      const json = site.requests.filter((p) => p.endsWith('.json'));
      assert.deepEqual([...json].sort(), [...new Set(json)].sort(), `downloaded: ${json}`);
      assert.equal(json.filter((p) => !p.includes('/i18n/')).length, 3);
    } finally {
      await context.close();
      await site.close();
    }
  });

  test(`a chunked body without Content-Length is cut off past the limit, long before it ends [${form}]`, async () => {
    let sent = 0;
    let closedAt = null;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const site = await hostPage(`<div id="w" data-lectern-src="/endless.json" data-lectern-lang="en"></div>`, (req, res, extra) => {
      if (req.url !== '/endless.json') return false;
      res.writeHead(200, { ...extra, 'content-type': 'application/json' }); // chunked: no length
      res.write('{"format":"lectern.article/1","pad":"');
      const timer = setInterval(() => {
        if (sent >= 30 * 1024 * 1024) {
          clearInterval(timer);
          res.end('"}');
          return;
        }
        res.write(chunk);
        sent += chunk.length;
      }, 5);
      res.on('close', () => {
        clearInterval(timer);
        closedAt ??= sent;
      });
      return true;
    });
    const { context, page } = await open(site);
    try {
      const alert = page.locator('#w [role=alert]');
      await alert.waitFor({ timeout: 30_000 });
      assert.match(await alert.textContent(), /too large/);
      await page.waitForTimeout(200);
      assert.ok(closedAt !== null && closedAt < 8 * 1024 * 1024, `the server had sent ${sent} bytes (closed at ${closedAt})`);
    } finally {
      await context.close();
      await site.close();
    }
  });

  test(`errors by kind: Retry only where it can help; a page that is not JSON says so in plain words, the detail goes to the host [${form}]`, async () => {
    const answers = {
      '/403.json': [403, 'text/plain', 'no'],
      '/429.json': [429, 'text/plain', 'later'],
      '/html.json': [200, 'text/html', '<!doctype html><title>Log in</title>'],
    };
    const site = await hostPage(
      Object.keys(answers).map((p) => `<div id="w${p.slice(1, -5)}" data-lectern-src="${p}" data-lectern-lang="en"></div>`).join(''),
      (req, res, extra) => {
        const answer = answers[req.url];
        if (!answer) return false;
        res.writeHead(answer[0], { ...extra, 'content-type': answer[1] }).end(answer[2]);
        return true;
      },
    );
    const { context, page } = await open(site);
    try {
      for (const id of ['w403', 'w429', 'whtml']) await page.locator(`#${id} [role=alert]`).waitFor();
      assert.match(await page.locator('#w403 [role=alert]').textContent(), /refused.*HTTP 403/);
      assert.equal(await page.locator('#w403 button', { hasText: 'Retry' }).count(), 0);
      assert.equal(await page.locator('#w429 button', { hasText: 'Retry' }).count(), 1);
      const html = await page.locator('#whtml [role=alert]').textContent();
      assert.equal(html.trim(), 'This is not an article Lectern can read.');
      const detail = (await events(page, 'lectern:error')).find((e) => e.id === 'whtml').detail.message;
      assert.match(detail, /not valid JSON/);
    } finally {
      await context.close();
      await site.close();
    }
  });

  test(`lectern:load tells the host which article, language and source [${form}]`, async () => {
    const site = await hostPage(`<div id="w" data-lectern-src="${SAMPLE}" data-lectern-lang="zh-Hant"></div>`);
    const { context, page } = await open(site);
    try {
      await page.locator('#w h2.lc-article__title', { hasText: HANT }).waitFor();
      await page.locator('#w a[lang="en"]').click();
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      const loads = (await events(page, 'lectern:load')).map((e) => e.detail);
      assert.deepEqual(loads, [
        { id: 'china-opportunity-to-lead-on-north-korea', lang: 'zh-Hant', source: 'network' },
        { id: 'china-opportunity-to-lead-on-north-korea', lang: 'en', source: 'network' },
      ]);
    } finally {
      await context.close();
      await site.close();
    }
  });

  test(`a host themes the widget with --lectern-* properties on its element [${form}]`, async () => {
    const theme = `#themed {
      --lectern-text: rgb(10, 20, 30); --lectern-bg: rgb(250, 240, 230);
      --lectern-accent: rgb(200, 0, 100); --lectern-font-body: "Courier New", monospace;
      --lectern-font-ui: Verdana, sans-serif; --lectern-font-size: 20px; }`;
    const site = await hostPage(
      `<div id="themed" data-lectern-src="${SAMPLE}" data-lectern-lang="en"></div>
       <div id="plain" data-lectern-src="${SAMPLE}" data-lectern-lang="en"></div>`,
      undefined,
      theme,
    );
    const { context, page } = await open(site);
    try {
      const look = (id) =>
        page.locator(`#${id} h2.lc-article__title`, { hasText: EN }).evaluate((title) => {
          const root = title.closest('.lectern');
          const p = root.querySelector('.lc-body__p');
          const control = root.querySelector('.lc-bio__toggle');
          const style = (e) => getComputedStyle(e);
          return {
            text: style(root).color,
            background: style(root).backgroundColor,
            accent: style(root.querySelector('.lc-article__category')).color === 'rgb(200, 0, 100)',
            font: style(p).fontFamily,
            ui: style(control).fontFamily,
            size: style(p).fontSize,
          };
        });
      const themed = await look('themed');
      assert.deepEqual(themed, {
        text: 'rgb(10, 20, 30)',
        background: 'rgb(250, 240, 230)',
        accent: true,
        font: '"Courier New", monospace',
        ui: 'Verdana, sans-serif',
        size: '20px',
      });
      const plain = await look('plain');
      assert.notEqual(plain.text, themed.text, 'the theme stays on its element');
      assert.notEqual(plain.font, themed.font);
      assert.equal(plain.accent, false);
    } finally {
      await context.close();
      await site.close();
    }
  });

  test(`offline, the saved copy of an article read before shows, dated, with Retry; storage stays bounded and can be turned off [${form}]`, async () => {
    let offline = false;
    const site = await hostPage(
      `<div id="w" data-lectern-src="${SAMPLE}" data-lectern-lang="en"></div>`,
      (req, res) => {
        if (offline && req.url.endsWith('.json')) {
          req.socket.destroy();
          return true;
        }
        return false;
      },
    );
    const { context, page } = await open(site);
    try {
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      // Old copies of other articles fill most of the 512 KB; the host keeps its own key.
      await page.evaluate(() => {
        for (let i = 0; i < 4; i += 1) {
          localStorage.setItem(`lectern:saved:https://old.example/${i}.json`, `2020-01-0${i + 1}T00:00:00.000Z\n${'x'.repeat(64_000)}`);
        }
        localStorage.setItem('host:own', 'kept');
      });
      await page.reload();
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await page.waitForTimeout(500);
      const stored = await page.evaluate(() => {
        const keys = Object.keys(localStorage);
        const bytes = keys.filter((k) => k.startsWith('lectern:saved:')).reduce((n, k) => n + (k.length + localStorage.getItem(k).length) * 2, 0);
        return { bytes, ours: keys.filter((k) => k.startsWith('lectern:')).every((k) => k.startsWith('lectern:')), host: localStorage.getItem('host:own'), old: keys.filter((k) => k.includes('old.example')).length };
      });
      assert.ok(stored.bytes <= 512 * 1024, `saved copies take ${stored.bytes} bytes`);
      assert.ok(stored.old < 4, 'the oldest copies made room');
      assert.equal(stored.host, 'kept');
      // Offline: the saved copy, with its date and Retry.
      offline = true;
      await page.reload();
      const alert = page.locator('#w [role=alert]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /^Saved copy from [A-Z][a-z]{2} \d{1,2}, \d{4}\. The network seems to be down/);
      assert.equal((await page.locator('#w h2.lc-article__title').textContent()).trim(), EN);
      assert.equal(await page.locator('#w button', { hasText: 'Retry' }).count(), 1);
      const error = (await events(page, 'lectern:error')).at(-1).detail;
      assert.equal(error.saved, true);
      assert.deepEqual((await events(page, 'lectern:load')).at(-1).detail.source, 'saved');
      // Back online, Retry brings the network's version.
      offline = false;
      await page.locator('#w button', { hasText: 'Retry' }).click();
      await page.waitForFunction(() => window.events.some((e) => e.name === 'lectern:load' && e.detail.source === 'network'));
      assert.equal(await alert.count(), 0);
    } finally {
      await context.close();
      await site.close();
    }
    // With storage off, nothing is kept, and offline there is only the error.
    const off = await hostPage(`<div id="w" data-lectern-src="${SAMPLE}" data-lectern-lang="en" data-lectern-storage="off"></div>`);
    const second = await open(off);
    try {
      await second.page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await second.page.locator('#w a[lang="zh-Hans"]').click();
      await second.page.locator('#w h2.lc-article__title', { hasText: '中国' }).waitFor();
      const keys = await second.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lectern:')));
      assert.deepEqual(keys, []);
    } finally {
      await second.context.close();
      await off.close();
    }
  });

  test(`a reader who asks to save data gets no prefetch: only what they open is downloaded [${form}]`, async () => {
    const site = await hostPage(`<div id="w" data-lectern-src="${SAMPLE}" data-lectern-lang="en"></div>`);
    const { context, page } = await pageWithErrorLog(browser);
    try {
      // Chromium's own Save-Data switch is a user setting; the page reads it here.
      await page.addInitScript(() => {
        Object.defineProperty(Object.getPrototypeOf(navigator.connection), 'saveData', { get: () => true });
      });
      await page.goto(`${site.origin}/`);
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await page.waitForTimeout(2000);
      assert.deepEqual(site.requests.filter((p) => p.endsWith('.json')), [SAMPLE]);
      await page.locator('#w a[lang="zh-Hant"]').click();
      await page.locator('#w h2.lc-article__title', { hasText: HANT }).waitFor();
    } finally {
      await context.close();
      await site.close();
    }
    // Without it, the other versions come while the browser is idle.
    const other = await hostPage(`<div id="w" data-lectern-src="${SAMPLE}" data-lectern-lang="en"></div>`);
    const plain = await open(other);
    try {
      await plain.page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await plain.page.waitForTimeout(2000);
      const json = other.requests.filter((p) => p.endsWith('.json'));
      assert.equal(json.filter((p) => !p.includes('/i18n/')).length, 3);
      // And the UI catalogs of the other versions (简体, 繁體).
      assert.equal(json.filter((p) => p.includes('/i18n/')).length, 2);
    } finally {
      await plain.context.close();
      await other.close();
    }
  });

  test(`destroying a widget aborts the prefetches it has in flight [${form}]`, async () => {
    const site = await hostPage('');
    const { context, page } = await open(site);
    try {
      // The other versions never answer: their prefetches stay in flight.
      await page.route('**/zh-Han*.json', () => {});
      const aborted = [];
      page.on('requestfailed', (r) => aborted.push(`${r.url().split('/').pop()} ${r.failure()?.errorText}`));
      const prefetching = page.waitForRequest('**/zh-Hant.json');
      await page.evaluate((src) => {
        const el = document.createElement('div');
        el.id = 'w';
        document.querySelector('main').append(el);
        window.handle = window.Lectern.mount(el, { src, lang: 'en' });
      }, SAMPLE);
      await page.locator('#w h2.lc-article__title', { hasText: EN }).waitFor();
      await prefetching;
      assert.deepEqual(aborted, []);
      await page.evaluate(() => window.handle.destroy());
      await page.waitForTimeout(300);
      assert.deepEqual(aborted.sort(), ['zh-Hans.json net::ERR_ABORTED', 'zh-Hant.json net::ERR_ABORTED']);
    } finally {
      await context.close();
      await site.close();
    }
  });
}
