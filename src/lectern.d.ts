// Types for lectern.js: window.Lectern, the widget's events and the
// <lectern-article> element (embedding.md). For JSX (React 19), also import
// the types of `lectern/jsx` (lectern-jsx.d.ts).

/** What related teasers do: plain links, or open the article in place. */
export type RelatedMode = 'link' | 'inline';

/** Options of `Lectern.mount`; each defaults to the element's
 * `data-lectern-*` attribute, then to the widget's default. */
export interface MountOptions {
  /** URL of any language version of the article (JSON). */
  src?: string;
  /** `en`, `zh-Hans`, `zh-Hant`, …, a pair `en+zh-Hans` (对照), or `auto`. */
  lang?: string;
  /** The title's heading level (2 by default; an embed never adds an h1 unless asked). */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  related?: RelatedMode;
  /** Other origins the widget may fetch documents from, space-separated. */
  allow?: string;
  /** `include`: send the page's cookies with documents on its own origin. */
  credentials?: 'omit' | 'include';
  /** `off`: keep nothing in the page's storage. */
  storage?: 'on' | 'off';
  /** A URL with `{lang}`: each version's published page. */
  pages?: string;
  /** The language of the widget's own words: a BCP 47 tag, or `auto` (the
   * content's language where Lectern has a catalog, else the reader's
   * browser languages, else English). */
  uiLang?: string;
  /** URL of a UI catalog for a language Lectern does not ship (the format
   * of its own `i18n/*.json`: `lang`, then a message per key; a missing
   * message reads in English). Fetched through the same fence as documents. */
  strings?: string;
}

/** A mounted widget. */
export interface LecternHandle {
  /** Unmounts the widget. */
  destroy(): void;
  /** Shows the version that best matches `lang` (negotiated: `zh-TW` gives 繁體). */
  setLanguage(lang: string): void;
}

/** `lectern:load`: a document is shown. */
export interface LecternLoadDetail {
  id: string;
  lang: string;
  source: 'pre-render' | 'network' | 'saved';
}

/** `lectern:languagechange`: the reader chose a version or a pair. */
export interface LecternLanguageChangeDetail {
  lang: string;
}

/** `lectern:error`: a failure, in words for developers. */
export interface LecternErrorDetail {
  message: string;
  /** Whether the reader sees a saved copy instead. */
  saved?: boolean;
}

/** The widget's events; they bubble and cross the shadow boundary. */
export interface LecternEventMap {
  'lectern:load': CustomEvent<LecternLoadDetail>;
  'lectern:languagechange': CustomEvent<LecternLanguageChangeDetail>;
  'lectern:error': CustomEvent<LecternErrorDetail>;
}

/** `window.Lectern`. */
export interface LecternApi {
  /** Mounts a widget on `element`; throws a TypeError without a `src`. */
  mount(element: Element, options?: MountOptions): LecternHandle;
}

/** `<lectern-article>`: properties mirror the attributes. */
export interface LecternArticleElement extends HTMLElement {
  src: string | null;
  language: string | null;
  headingLevel: string | null;
  related: string | null;
  allow: string | null;
  credentials: string | null;
  storage: string | null;
  pages: string | null;
  uiLang: string | null;
  strings: string | null;
  /** As a handle's: `zh-TW`, `en+zh-Hans`, `auto`. */
  setLanguage(lang: string): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: LecternArticleElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface Window {
    Lectern: LecternApi;
  }
  interface HTMLElementTagNameMap {
    'lectern-article': LecternArticleElement;
  }
  // The events, on every element (they bubble from the widget's element).
  interface HTMLElementEventMap extends LecternEventMap {}
}
