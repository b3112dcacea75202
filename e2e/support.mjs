// Shared pieces of the end-to-end tests: a static server for a build folder on
// 127.0.0.1 (a free port, closed by the test), and Debian's headless Chromium.
import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
};

/** Serves `folder` on 127.0.0.1; resolves to { origin, close }. */
export function serveFolder(folder, options = {}) {
  return serveSite({ '/': folder }, options);
}

/**
 * Serves several folders on one 127.0.0.1 port: `routes` maps URL prefixes
 * ('/assets/lectern/') to folders, longest first. Options: `headers` added to
 * every answer (a CSP), `cors` (Access-Control-Allow-Origin: *), and
 * `rewriteHtml(text, origin)` applied to HTML files, `compress` (brotli for
 * clients that accept it, as a CDN serves files), `handle(req, res, extra)`
 * answering a request itself when it returns true (dynamic routes). Resolves
 * to { origin, close, requests, seen } where `requests` lists the paths
 * asked for and `seen` the requests with their headers.
 */
export async function serveSite(routes, { headers = {}, cors = false, rewriteHtml, compress = false, handle } = {}) {
  const compressed = new Map();
  const table = Object.entries(routes)
    .map(([prefix, folder]) => [prefix, resolve(folder)])
    .sort((a, b) => b[0].length - a[0].length);
  const requests = [];
  const seen = [];
  let origin = '';
  const server = createServer(async (req, res) => {
    const extra = { ...headers, ...(cors ? { 'access-control-allow-origin': '*' } : {}) };
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      requests.push(path);
      seen.push({ path, headers: req.headers });
      if (handle && (await handle(req, res, extra))) return;
      const route = table.find(([prefix]) => path.startsWith(prefix));
      if (!route) throw new Error('no route');
      const [prefix, root] = route;
      let file = normalize(join(root, path.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403, extra).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      if (rewriteHtml && extname(file) === '.html') body = rewriteHtml(body.toString('utf8'), origin);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (compress && /br/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('image/png')) {
        // As a CDN would serve it: brotli, quality 11, computed once per file.
        if (!compressed.has(file)) {
          compressed.set(file, brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
        }
        body = compressed.get(file);
        res.writeHead(200, { ...extra, 'content-type': type, 'content-encoding': 'br', vary: 'accept-encoding' });
      } else {
        res.writeHead(200, { ...extra, 'content-type': type });
      }
      res.end(body);
    } catch {
      res.writeHead(404, { ...extra, 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    seen,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

/**
 * A publisher's pre-rendered article: `lectern-cli render ARTICLE --base BASE`
 * (and `extra` arguments), as HTML to put into the widget's element.
 * `article` is relative to the project's root.
 */
export function renderArticle(article, base, extra = []) {
  const root = new URL('..', import.meta.url).pathname;
  return execFileSync(
    'cargo',
    ['run', '--quiet', '--offline', '--locked', '-p', 'lectern-cli', '--', 'render', join(root, article), '--base', base, ...extra],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Headless Debian Chromium, with the flags this machine's closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page that records console errors and uncaught exceptions. */
export async function pageWithErrorLog(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`http ${res.status()}: ${res.url()}`);
  });
  return { context, page, errors };
}

/** The sample article's titles, and a route pattern for its documents. */
export const EN = 'China’s Opportunity to Lead on North Korea';
export const HANS = '中国在朝鲜问题上发挥领导作用的机遇';
export const HANT = '中國在朝鮮問題上發揮領導作用的機遇';
export const SAMPLE = '**/content/china-opportunity-to-lead-on-north-korea/';

/** Starts the built site (dist/) and a browser for a test file; returns the
 * { server, browser } holder, filled before the tests and closed after. */
export function siteAndBrowser(hooks, options = {}) {
  const held = {};
  hooks.before(async () => {
    held.server = await serveFolder(new URL('../dist/', import.meta.url).pathname, options);
    held.browser = await launchBrowser();
  });
  hooks.after(async () => {
    await held.browser?.close();
    await held.server?.close();
  });
  return held;
}

/** Holds back the page's wasm until the returned `release()` is called, so a
 * test can look at the page before the widget is live. */
export async function holdWasm(page) {
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * The W3C HTML checker (npm vnu-jar, with Java) on `files`; resolves to its
 * error report ('' when valid). Its CSS checker does not know CSS
 * Containment 3 (`container-type`, `@container`, which every browser we
 * support has), nor CSS Text Decoration 3's `text-emphasis-position: under
 * right` (an older draft's grammar), so those messages alone are dropped.
 */
export function checkHtml(files) {
  const jar = new URL('../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url).pathname;
  const unknown = '.*(Property “container-type” doesn\'t exist|Unrecognized at-rule “@container”|“text-emphasis-position”: “(under|over)” is not a “text-emphasis-position” value).*';
  return new Promise((done, fail) => {
    execFile('java', ['-jar', jar, '--errors-only', '--filterpattern', unknown, ...files], (error, stdout, stderr) => {
      if (error && error.code !== 1) fail(error);
      else done(`${stdout}${stderr}`.trim());
    });
  });
}

/** The two forms of the embed: `<div data-lectern-src>`, and the custom
 * element (the same attributes without the prefix, `lang` as `language`). */
export const FORMS = ['data-lectern-src', 'lectern-article'];

/** `html` with each empty `<div data-lectern-…>` widget written in `form`. */
export function inForm(html, form) {
  if (form !== 'lectern-article') return html;
  return html.replace(/<div\b([^>]*\bdata-lectern-src=[^>]*)><\/div>/g, (_, attributes) =>
    `<lectern-article${attributes.replaceAll('data-lectern-lang=', 'language=').replaceAll('data-lectern-', '').replace(/\bsrc=/, 'src=')}></lectern-article>`);
}
