// lectern.js: the one stable file a page loads. It loads the wasm once, finds
// every [data-lectern-src] element (now and later), and mounts a widget into a
// shadow root on each, with the widget's stylesheet inside. Every asset is
// resolved relative to this file, so the folder works from any path or CDN.
// scripts/write-entry.mjs fills in the content-hashed names at build time.
//
// A publisher may put the article's pre-rendered HTML (lectern-cli render)
// inside the element, with lectern.css on the page: it is readable before any
// script runs, and stays on screen (through a slot) until the widget has the
// article and takes its place.
import init, { mount_widget, start_standalone } from './__GLUE__';

const STYLESHEET = new URL('./__CSS__', import.meta.url).href;
const ready = init({ module_or_path: new URL('./__WASM__', import.meta.url) });
const widgets = new Map();

function optionsFrom(element, options = {}) {
  const data = element.dataset;
  const level = Number(options.headingLevel ?? data.lecternHeadingLevel ?? 2);
  return {
    src: options.src ?? data.lecternSrc,
    lang: options.lang ?? data.lecternLang ?? 'auto',
    headingLevel: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2,
    related: options.related ?? data.lecternRelated ?? 'link',
  };
}

/** Mounts a widget on `element`; returns a handle with destroy() and setLanguage(lang). */
function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('Lectern.mount: expected an element');
  widgets.get(element)?.destroy();
  const opts = optionsFrom(element, options);
  if (!opts.src) throw new TypeError('Lectern.mount: no src (data-lectern-src or options.src)');
  let widget = null;
  let destroyed = false;
  const pending = [];
  const handle = {
    destroy() {
      destroyed = true;
      widget?.destroy();
      widget?.free();
      widget = null;
      element.shadowRoot?.replaceChildren();
      if (widgets.get(element) === handle) widgets.delete(element);
    },
    setLanguage(lang) {
      if (widget) widget.set_language(String(lang));
      else pending.push(String(lang));
    },
  };
  widgets.set(element, handle);
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = STYLESHEET;
  const container = document.createElement('div');
  const slot = element.childElementCount > 0 ? document.createElement('slot') : null;
  if (slot) container.hidden = true;
  shadow.replaceChildren(link, container, ...(slot ? [slot] : []));
  const styled = new Promise((done) => {
    link.addEventListener('load', done, { once: true });
    link.addEventListener('error', done, { once: true });
  });
  Promise.all([ready, styled]).then(() => {
    if (destroyed) return;
    widget = mount_widget(container, element, opts.src, opts.lang, opts.headingLevel, opts.related, slot);
    for (const lang of pending.splice(0)) widget.set_language(lang);
  }, (error) => {
    const detail = { message: `Lectern could not start: ${error}` };
    element.dispatchEvent(new CustomEvent('lectern:error', { bubbles: true, composed: true, detail }));
  });
  return handle;
}

function mountWithin(node) {
  if (!(node instanceof Element)) return;
  const found = node.matches('[data-lectern-src]') ? [node] : [];
  for (const element of [...found, ...node.querySelectorAll('[data-lectern-src]')]) {
    if (element.hasAttribute('data-lectern-standalone') || widgets.has(element)) continue;
    mount(element);
  }
}

function unmountWithin(node) {
  if (!(node instanceof Element)) return;
  for (const [element, handle] of widgets) {
    if ((node === element || node.contains(element)) && !element.isConnected) handle.destroy();
  }
}

window.Lectern = Object.freeze({ mount });

if (document.querySelector('[data-lectern-standalone]')) {
  ready.then(() => start_standalone());
}
mountWithin(document.documentElement);
new MutationObserver((records) => {
  for (const record of records) {
    record.addedNodes.forEach(mountWithin);
    record.removedNodes.forEach(unmountWithin);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
