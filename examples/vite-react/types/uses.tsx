// Every part of Lectern's types, used as a TypeScript consumer would: the
// test command checks it in strict mode, and it must pass.
import type {
  LecternArticleElement,
  LecternErrorDetail,
  LecternHandle,
  LecternLoadDetail,
  MountOptions,
} from 'lectern';
import type {} from 'lectern/jsx';
import { useEffect, useRef } from 'react';

const options: MountOptions = {
  src: '/content/a/en.json',
  lang: 'en+zh-Hans',
  headingLevel: 3,
  related: 'inline',
  allow: 'https://cdn.example.org',
  credentials: 'omit',
  storage: 'off',
  pages: 'https://news.example/a/{lang}/',
};
const host = document.createElement('div');
const handle: LecternHandle = window.Lectern.mount(host, options);
handle.setLanguage('zh-TW');
handle.destroy();

// The events, typed on any element.
host.addEventListener('lectern:load', (e) => {
  const detail: LecternLoadDetail = e.detail;
  const source: 'pre-render' | 'network' | 'saved' = detail.source;
  console.log(detail.id, detail.lang, source);
});
host.addEventListener('lectern:languagechange', (e) => console.log(e.detail.lang.toUpperCase()));
host.addEventListener('lectern:error', (e) => {
  const detail: LecternErrorDetail = e.detail;
  console.log(detail.message, detail.saved === true);
});

// The element, by its tag name.
const element: LecternArticleElement = document.createElement('lectern-article');
element.src = '/content/a/en.json';
element.language = 'zh-Hant';
element.headingLevel = '2';
element.setLanguage('auto');
const found: LecternArticleElement | null = document.querySelector('lectern-article');
found?.addEventListener('lectern:languagechange', (e) => console.log(e.detail.lang));

// JSX (React 19).
export function Article({ language }: { language: string }) {
  const ref = useRef<LecternArticleElement>(null);
  useEffect(() => {
    ref.current?.setLanguage(language);
  }, [language]);
  return <lectern-article ref={ref} src="/content/a/en.json" language={language} heading-level={2} related="link" storage="off" />;
}
