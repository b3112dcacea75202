// lectern.js: the one stable file a page loads. It loads the wasm once, finds
// every [data-lectern-src] element (now and later), and mounts a widget into a
// shadow root on each, with the widget's stylesheet inside. Every asset is
// resolved relative to this file, so the folder works from any path or CDN.
// scripts/write-entry.mjs fills in the content-hashed names at build time.
//
// A publisher may pre-render the article (lectern-cli render): best inside
// the element's declarative shadow root (--embed), which the widget hydrates
// in place; or as the element's children, with lectern.css on the page,
// shown through a slot until the widget takes their place. Either way it is
// readable before any script runs.
//
// A panic in the wasm aborts at once (a trap, `WebAssembly.RuntimeError`)
// and leaves the one instance every widget shares dead. This file notices
// it, around its own calls and on the window for calls from events and
// timers, and says so in every widget and with `lectern:error`; later
// mounts report it instead of staying blank.
import init, { mount_widget } from './__GLUE__';

const STYLESHEET = new URL('./__CSS__', import.meta.url).href;
// The same rules under the stable name, for pages with a pre-rendered article.
const STABLE_STYLESHEET = new URL('./lectern.css', import.meta.url).href;
const WASM = new URL('./__WASM__', import.meta.url);
// The UI catalogs Lectern ships (i18n/TAG.json beside this file), by tag: the
// widget fetches the one it needs beside the document; none is in the wasm
// but English. scripts/write-entry.mjs fills in the tags; the URLs are
// written as bundlers follow them (`new URL(`./i18n/${tag}.json`,
// import.meta.url)`: Vite copies each file). A bundler may inline a small
// file as a data: URL, which a strict CSP's connect-src refuses to fetch:
// such a catalog is handed over as its text.
const CATALOGS = Object.fromEntries(
  __CATALOGS__.map((tag) => {
    const url = new URL(`./i18n/${tag}.json`, import.meta.url).href;
    const base64 = /^data:[^,]*;base64,/.exec(url) && url.slice(url.indexOf(',') + 1);
    return [tag, base64 ? new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))) : url];
  }),
);
const ready = init({ module_or_path: WASM });
const widgets = new Map();
/** Where each widget renders, and the element its events go to. */
const roots = new Map();
let dead = null;

/** lectern.js's own words in English (from i18n/en.json, filled in by
 * scripts/write-entry.mjs), where no catalog has them. */
const ENGLISH = __ENGLISH__;

/** The shipped catalog for a language tag, as the wasm's negotiation would
 * find it (the wasm is dead, or not started, when this runs): 繁體 for
 * zh-Hant, zh-TW, zh-HK and zh-MO, 简体 for other Chinese, else the tag or
 * its language. */
function catalogFor(tag) {
  const t = String(tag ?? '').toLowerCase();
  const find = (x) => Object.keys(CATALOGS).find((c) => c.toLowerCase() === x);
  if (/^zh(-|$)/.test(t)) return find(/-(hant|tw|hk|mo)(-|$)/.test(t) ? 'zh-hant' : 'zh-hans');
  return find(t) ?? find(t.split('-')[0]);
}

/** Resolves to `[lang, text]`: the message `key` in `tag`'s language, from
 * its catalog, else in English. */
async function words(tag, key) {
  const lang = catalogFor(tag);
  try {
    const source = CATALOGS[lang];
    const text = JSON.parse(source.startsWith('{') ? source : await (await fetch(source)).text())[key];
    if (typeof text === 'string' && text) return [lang, text];
  } catch {
    // No catalog, or none to be had: English.
  }
  return ['en', ENGLISH[key]];
}

function report(host, message) {
  const detail = { message };
  host.dispatchEvent(new CustomEvent('lectern:error', { bubbles: true, composed: true, detail }));
}

/** Replaces what `root` shows with an alert (the message `key` in `tag`'s
 * language), in the widget's own markup, so the same styles apply; puts it
 * above instead when `keep` (a publisher's pre-rendered article stays
 * readable). */
async function showAlert(root, tag, key, keep) {
  const [lang, text] = await words(tag, key);
  const widget = document.createElement('div');
  const alert = document.createElement('div');
  const message = document.createElement('p');
  widget.className = 'lectern';
  alert.className = 'lc-error';
  alert.setAttribute('role', 'alert');
  alert.lang = lang;
  alert.dir = /^(ar|fa|he|ur|ps|sd|ug|yi|dv|ckb)(-|$)|-(arab|hebr)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
  message.className = 'lc-error__message';
  message.textContent = text;
  alert.append(message);
  widget.append(alert);
  root.hidden = false;
  if (keep) root.prepend(widget);
  else root.replaceChildren(widget);
}

/** Shows the crash alert in `root`, in the widget's language: in place of a
 * dead widget, or above a pre-render that never went live (`keep`). */
function showCrash(root, host, keep) {
  const tag = root.querySelector('[lang]')?.getAttribute('lang') ?? host.getAttribute('data-lectern-lang');
  showAlert(root, tag, 'crashed', keep);
  report(host, `Lectern stopped working: ${dead}`);
}

/** An element that cannot be mounted: the host hears it, the reader sees an
 * alert where the element can hold one, and the console names the element
 * and the fix. The page's other widgets are not affected. */
function failed(element, error) {
  const name = `<${element.localName}${element.id ? ` id="${element.id}"` : ''}>`;
  if (error?.name === 'NotSupportedError') {
    console.error(`Lectern: ${name} cannot hold the widget (it cannot have a shadow root). Put data-lectern-src on a <div>, <section>, <article> or <aside> instead.`);
  } else {
    console.error(`Lectern: ${name} was not mounted:`, error);
  }
  report(element, `Lectern could not mount ${name}: ${error?.message ?? error}`);
}

/** Whether `error` is a trap of this module's wasm. */
function ours(error) {
  return error instanceof WebAssembly.RuntimeError && String(error.stack).includes(WASM.href);
}

function crashed(error) {
  if (dead) return;
  dead = error;
  console.error('Lectern: the wasm stopped (a panic):', error);
  for (const [root, host] of roots) showCrash(root, host);
}

/** Calls into the wasm, noticing a trap. */
function guard(call) {
  try {
    return call();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) crashed(error);
    throw error;
  }
}

window.addEventListener('error', (event) => {
  if (ours(event.error)) crashed(event.error);
});
window.addEventListener('unhandledrejection', (event) => {
  if (ours(event.reason)) crashed(event.reason);
});

/** A heading level from 1 to 6, else `fallback`. */
function level(value, fallback) {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n >= 1 && n <= 6 ? n : fallback;
}

/** The value of `name` in the page's query string. */
const query = (name) => new URLSearchParams(location.search).get(name) ?? undefined;

function optionsFrom(element, options = {}) {
  const data = element.dataset;
  return {
    src: options.src ?? data.lecternSrc,
    lang: options.lang ?? data.lecternLang ?? 'auto',
    headingLevel: level(options.headingLevel ?? data.lecternHeadingLevel, 2),
    related: options.related ?? data.lecternRelated ?? 'link',
    allow: options.allow ?? data.lecternAllow,
    credentials: options.credentials ?? data.lecternCredentials,
    storage: options.storage ?? data.lecternStorage,
    pages: options.pages ?? data.lecternPages,
    uiLang: options.uiLang ?? data.lecternUiLang,
    strings: options.strings ?? data.lecternStrings,
  };
}

/** `lectern:NAME` on `host`, bubbling out of the shadow root, with the
 * event's detail from the wasm's three values. */
const emitter = (host) => (name, a, b, c) =>
  host.dispatchEvent(new CustomEvent(`lectern:${name}`, {
    bubbles: true,
    composed: true,
    detail: name === 'load' ? { id: a, lang: b, source: c } : name === 'error' ? { message: a, saved: b } : { lang: a },
  }));

/** The JSON a pre-render carries under `root` (removed once read): its
 * article's, or (`what` = `strings`) its UI catalog's. */
function inlineJson(root, what = 'article') {
  const script = root.querySelector(`script[type="application/json"][data-lectern-${what}]`);
  script?.remove();
  return script?.textContent ?? undefined;
}

const FOCUSABLE = 'a[href], button, input, [tabindex]';
/** Where focus is among `root`'s controls (-1: not under `root`). */
function focusIndex(root) {
  const active = root.getRootNode().activeElement;
  return active && root.contains(active) ? [...root.querySelectorAll(FOCUSABLE)].indexOf(active) : -1;
}
/** Focuses `root`'s control at `index`, where focus was before the widget
 * replaced what it had (a keyboard user stays on the same control). */
function focusAt(root, index) {
  if (index >= 0 && !root.contains(root.getRootNode().activeElement)) root.querySelectorAll(FOCUSABLE)[index]?.focus();
}

/** Mounts the wasm's widget in `container`: a pre-render there is hydrated
 * or replaced (focus kept on the same control); returns its handle. */
function mountIn(container, options) {
  let at = -1;
  const replacing = (starts) => (starts ? (at = focusIndex(container)) : focusAt(container, at));
  // A host's catalog resolves against the page, as `src` does.
  const strings = options.strings?.trim() ? new URL(options.strings, location.href).href : undefined;
  return mount_widget(container, { ...options, strings, catalogs: CATALOGS, replacing });
}

/** Mounts a widget on `element`; returns a handle with destroy() and setLanguage(lang). */
function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('Lectern.mount: expected an element');
  widgets.get(element)?.destroy();
  const opts = optionsFrom(element, options);
  if (!opts.src?.trim()) {
    // Said where the article should be, when the element can say it.
    try {
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      const box = document.createElement('div');
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = STYLESHEET;
      shadow.replaceChildren(link, box);
      showAlert(box, element.getAttribute('data-lectern-lang') ?? document.documentElement.lang, 'no_src');
    } catch {
      // An element without a shadow root: the console says so.
    }
    throw new TypeError('Lectern.mount: no src (data-lectern-src or options.src)');
  }
  let widget = null;
  let destroyed = false;
  const pending = [];
  const handle = {
    destroy() {
      destroyed = true;
      roots.delete(container);
      if (widget && !dead) {
        guard(() => {
          widget.destroy();
          widget.free();
        });
      }
      widget = null;
      element.shadowRoot?.replaceChildren();
      if (widgets.get(element) === handle) widgets.delete(element);
    },
    setLanguage(lang) {
      if (dead) return;
      if (widget) guard(() => widget.set_language(String(lang)));
      else pending.push(String(lang));
    },
  };
  // A publisher's pre-render in a declarative shadow root (lectern-cli
  // render --embed): its container and stylesheet are used as they are,
  // and the widget hydrates the article in place.
  const prerendered = element.shadowRoot?.querySelector('.lectern');
  const declared = prerendered?.parentElement?.parentNode === element.shadowRoot ? prerendered.parentElement : null;
  // Throws on elements that cannot have a shadow root (<li>, <a>, <td>…).
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  widgets.set(element, handle);
  let container = declared;
  let slot = null;
  let styled = Promise.resolve();
  if (!declared) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    // Where the page already loads lectern.css (for its pre-rendered
    // article), the shadow root takes that download instead of a second one.
    const pageHasIt = [...document.querySelectorAll('link[rel~="stylesheet"]')].some((l) => l.href === STABLE_STYLESHEET);
    link.href = pageHasIt ? STABLE_STYLESHEET : STYLESHEET;
    container = document.createElement('div');
    slot = element.childElementCount > 0 ? document.createElement('slot') : null;
    if (slot) container.hidden = true;
    shadow.replaceChildren(link, container, ...(slot ? [slot] : []));
    styled = new Promise((done) => {
      link.addEventListener('load', done, { once: true });
      link.addEventListener('error', done, { once: true });
    });
  }
  roots.set(container, element);
  Promise.all([ready, styled]).then(() => {
    if (destroyed) return;
    if (dead) {
      // A publisher's pre-rendered article (in the slot, or in the
      // declarative shadow root) stays readable.
      showCrash(container, element, declared);
      return;
    }
    // The widget's own language, else what a pre-rendered language link
    // asked the page for (`?lang=`).
    const lang = String(opts.lang).trim().toLowerCase() === 'auto' ? query('lang') : String(opts.lang);
    const json = declared ? inlineJson(container) : slot ? inlineJson(element) : undefined;
    const catalog = declared ? inlineJson(container, 'strings') : slot ? inlineJson(element, 'strings') : undefined;
    // A pre-render the widget cannot take over (no JSON in it: an older
    // release's, or the publisher's own template) stays on screen until the
    // widget shows the article: the widget starts in a container of its
    // own, hidden above it.
    let kept = slot;
    if (declared && json === undefined) {
      kept = declared;
      container = document.createElement('div');
      container.hidden = true;
      declared.before(container);
      roots.set(container, element);
    }
    // Once the widget shows the article, the pre-render gives way (at once
    // when it carried its JSON, else when the document has arrived); an
    // alert alone (the document failed) shows above the pre-render, which
    // the reader keeps reading.
    const settled = kept && ((article) => {
      if (!kept.isConnected) return;
      if (article) {
        const at = focusIndex(kept.localName === 'slot' ? element : kept);
        kept.remove();
        roots.delete(kept);
        container.hidden = false;
        focusAt(container, at);
      } else {
        container.hidden = false;
      }
    });
    guard(() => {
      widget = mountIn(container, {
        ...opts,
        src: new URL(opts.src, location.href).href,
        lang,
        json,
        catalog,
        emit: emitter(element),
        settled,
      });
      for (const lang of pending.splice(0)) widget.set_language(lang);
    });
  }, (error) => {
    const detail = { message: `Lectern could not start: ${error}` };
    element.dispatchEvent(new CustomEvent('lectern:error', { bubbles: true, composed: true, detail }));
  });
  return handle;
}

/** Mounts every widget element under `node`, each on its own: one that
 * fails never stops the others. */
function mountWithin(node) {
  if (!(node instanceof Element)) return;
  const found = node.matches('[data-lectern-src]') ? [node] : [];
  for (const element of [...found, ...node.querySelectorAll('[data-lectern-src]')]) {
    if (element.hasAttribute('data-lectern-standalone') || widgets.has(element)) continue;
    try {
      mount(element);
    } catch (error) {
      failed(element, error);
    }
  }
}

function unmountWithin(node) {
  if (!(node instanceof Element)) return;
  for (const [element, handle] of widgets) {
    // <lectern-article> elements end their own widgets.
    if (element instanceof LecternArticle) continue;
    if ((node === element || node.contains(element)) && !element.isConnected) {
      try {
        handle.destroy();
      } catch (error) {
        console.error('Lectern: destroying a widget failed:', error);
      }
    }
  }
}

/** `<lectern-article>`: the widget as an element, for pages built with a
 * framework or a bundler (embedding.md, "The custom element"). Its
 * attributes are the data-lectern-* ones without the prefix, but for the
 * language: `language` (`lang` states the element's own language). A new
 * `language` switches in place (as setLanguage); any other attribute
 * mounts the widget again with it. Removed from the page, the widget is
 * destroyed; inserted, it is mounted; moved (removed and inserted at once),
 * it goes on as it was, the reader's place and choices kept. */
const ATTRIBUTES = ['src', 'language', 'heading-level', 'related', 'allow', 'credentials', 'storage', 'pages', 'ui-lang', 'strings'];
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

class LecternArticle extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #handle = null;
  #ending = false;
  #connected = false;

  connectedCallback() {
    // Moved: the pending end is called off.
    this.#ending = false;
    this.#connected = true;
    if (!this.#handle) this.#mount();
  }

  disconnectedCallback() {
    this.#ending = true;
    queueMicrotask(() => {
      if (!this.#ending || this.isConnected) return;
      this.#ending = false;
      this.#connected = false;
      this.#handle?.destroy();
      this.#handle = null;
    });
  }

  attributeChangedCallback(name, before, after) {
    // Before the element is in the page, connecting mounts with them all.
    if (!this.#connected || before === after) return;
    if (name === 'language' && this.#handle) this.#handle.setLanguage(after ?? 'auto');
    else this.#mount();
  }

  /** Shows the version that best matches `lang` (`zh-TW`, `en+zh-Hans`, `auto`). */
  setLanguage(lang) {
    this.#handle?.setLanguage(lang);
  }

  #mount() {
    if (!this.isConnected) return;
    const options = Object.fromEntries(
      ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [a === 'language' ? 'lang' : camel(a), this.getAttribute(a)]),
    );
    try {
      this.#handle = mount(this, options);
    } catch (error) {
      failed(this, error);
    }
  }
}
// Properties mirror the attributes (el.src, el.language, el.headingLevel, …).
for (const name of ATTRIBUTES) {
  Object.defineProperty(LecternArticle.prototype, camel(name), {
    get() {
      return this.getAttribute(name);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(value));
    },
  });
}
if (!customElements.get('lectern-article')) customElements.define('lectern-article', LecternArticle);

window.Lectern = Object.freeze({ mount });

/** The standalone page: the element marked data-lectern-standalone, its
 * title an h1, `?lang=` choosing the version and `?article=SLUG` another
 * article beside the pre-rendered one (`../SLUG/en.json`), which is then
 * replaced, never hydrated. The page lives as long as the widget. */
function startStandalone(element) {
  const data = element.dataset;
  const src = new URL(data.lecternSrc, location.href).href;
  const slug = query('article');
  const other = slug && /^[a-z0-9-]{1,100}$/.test(slug) ? new URL(`../${slug}/en.json`, src).href : undefined;
  mountIn(element, {
    ...optionsFrom(element),
    src: other ?? src,
    lang: query('lang') ?? data.lecternLang,
    headingLevel: level(data.lecternHeadingLevel, 1),
    standalone: true,
    json: other ? undefined : inlineJson(element),
    catalog: other ? undefined : inlineJson(element, 'strings'),
    emit: emitter(element),
  });
}

const standalone = document.querySelector('[data-lectern-standalone]');
if (standalone) {
  roots.set(standalone, standalone);
  ready.then(() => guard(() => startStandalone(standalone)));
  // A published page (lectern-cli publish): its blocks carry fragment ids,
  // and a language link to another version's page takes the passage in view
  // along (#lectern-ARTICLE-BLOCK), where the browser scrolls by itself.
  if (standalone.hasAttribute('data-lectern-pages')) {
    standalone.addEventListener('click', (event) => {
      const link = event.target.closest?.('a[hreflang]');
      if (!link || !scrollY) return;
      const block = [...standalone.querySelectorAll('[data-block-id][id]')].find((b) => b.getBoundingClientRect().bottom > 0);
      if (block) link.hash = block.id;
    }, true);
  }
}
// The observer first, so that elements added later are mounted whatever
// happens to the ones already there.
new MutationObserver((records) => {
  for (const record of records) {
    record.addedNodes.forEach(mountWithin);
    record.removedNodes.forEach(unmountWithin);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
mountWithin(document.documentElement);
