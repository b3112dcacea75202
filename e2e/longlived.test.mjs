// Long-lived pages (a single-page host that mounts and destroys embeds on
// every route change; a reader who switches languages for an hour): after
// the first cycles (fifty mounts, ten switches: the browser's and the
// allocator's warm-up), no growth. JS heap after garbage collection and wasm
// memory stay within 5%, and a destroyed widget leaves no listener, no
// request and nothing that starts one later.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, pageWithErrorLog, serveSite } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
const SRC = '/content/china-opportunity-to-lead-on-north-korea/en.json';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title><link rel="icon" href="data:,">
<script type="module" src="/assets/lectern/lectern.js"></script></head><body><main><div id="route"></div></main></body></html>`;

let site;
let browser;
before(async () => {
  site = await serveSite(
    { '/assets/lectern/': root('dist'), '/content/': root('content') },
    {
      handle: (req, res) => {
        if (req.url !== '/') return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        return true;
      },
    },
  );
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** JS heap after collecting garbage, wasm memory, and the listeners on
 * window and document. */
async function measure(page, cdp) {
  const glue = readFileSync(root('dist/lectern.js'), 'utf8').match(/from\s*["']\.\/(lectern-[0-9a-f]+\.js)["']/)[1];
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(async (g) => (await (await import(`/assets/lectern/${g}`)).default()).memory.buffer.byteLength, glue);
  let listeners = 0;
  for (const target of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    listeners += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
  }
  return { heap: usedSize, wasm, listeners };
}

const within = (now, then, what) =>
  assert.ok(now <= then * 1.05, `${what}: ${now} after, ${then} after the first cycles (+${(((now - then) / then) * 100).toFixed(1)}%)`);

/** Mounts and destroys a widget `n` times, each once it is live and has
 * had its idle time (prefetches started). */
function cycles(page, n) {
  return page.evaluate(async ([n, src]) => {
    const route = document.getElementById('route');
    const until = (test) => new Promise((done) => {
      const poll = () => (test() ? done() : setTimeout(poll, 10));
      poll();
    });
    for (let i = 0; i < n; i += 1) {
      const element = document.createElement('div');
      route.replaceChildren(element);
      const handle = window.Lectern.mount(element, { src, lang: 'en' });
      await until(() => element.shadowRoot?.querySelector('.lectern[id^="lectern-"] article time'));
      await new Promise((done) => setTimeout(done, 20));
      handle.destroy();
      element.remove();
      // The browser's own timeline of requests would grow (to its cap).
      performance.clearResourceTimings();
    }
  }, [n, SRC]);
}

test('200 mounts and destroys through Lectern.mount leave no growth and nothing behind', async () => {
  const { context, page, errors } = await pageWithErrorLog(browser);
  const cdp = await context.newCDPSession(page);
  try {
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => window.Lectern);
    const empty = await measure(page, cdp);
    // Fifty, not ten: wasm memory takes its last 64 KB page, and the JS
    // heap most of its warm-up (caches, compiled code), in the first few
    // dozen (measured: 10, 50, 100, 200, 500 mounts gave 1.68, 1.75, 1.79,
    // 1.81, 1.87 MB of heap; wasm 19 pages at 10, 20 from 50 on).
    await cycles(page, 50);
    const first = await measure(page, cdp);
    await cycles(page, 150);
    // Whatever a destroyed widget had scheduled (idle prefetches, timers)
    // has had its time.
    await page.waitForTimeout(2000);
    await page.evaluate(() => performance.clearResourceTimings());
    await page.waitForTimeout(2000);
    const last = await measure(page, cdp);
    within(last.heap, first.heap, 'JS heap');
    within(last.wasm, first.wasm, 'wasm memory');
    assert.equal(last.listeners, empty.listeners, 'no listener left on window or document');
    assert.deepEqual(
      await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)),
      [],
      'no request after the last destroy',
    );
    assert.equal(await page.locator('#route *').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('200 language switches leave no growth', async () => {
  const { context, page, errors } = await pageWithErrorLog(browser);
  const cdp = await context.newCDPSession(page);
  try {
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => window.Lectern);
    await page.evaluate((src) => {
      const element = document.createElement('div');
      document.getElementById('route').append(element);
      window.handle = window.Lectern.mount(element, { src, lang: 'en' });
    }, SRC);
    const switches = (n) =>
      page.evaluate(async (n) => {
        const root = document.querySelector('#route div').shadowRoot;
        const until = (test) => new Promise((done) => {
          const poll = () => (test() ? done() : setTimeout(poll, 5));
          poll();
        });
        for (let i = 0; i < n; i += 1) {
          const lang = i % 2 === 0 ? 'zh-Hans' : 'en';
          [...root.querySelectorAll('.lc-lang__choice')].find((a) => a.getAttribute('href') === `?lang=${lang}`).click();
          await until(() => root.querySelector('article')?.getAttribute('lang') === lang);
        }
      }, n);
    await page.locator('#route h2').waitFor();
    await switches(10);
    const first = await measure(page, cdp);
    await switches(200);
    const last = await measure(page, cdp);
    within(last.heap, first.heap, 'JS heap');
    within(last.wasm, first.wasm, 'wasm memory');
    assert.equal(last.listeners, first.listeners);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
