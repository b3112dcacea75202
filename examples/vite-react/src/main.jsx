// A React 19 app with Lectern from npm: its own language picker drives
// <lectern-article>, the reader's choice comes back as an event, and a route
// change unmounts and mounts the element.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Defines <lectern-article>; Vite bundles the widget's wasm and stylesheet.
import 'lectern';

const SRC = '/content/china-opportunity-to-lead-on-north-korea/en.json';

function Article({ language, onLanguageChange }) {
  const ref = useRef(null);
  useEffect(() => {
    const element = ref.current;
    const heard = (event) => onLanguageChange(event.detail.lang);
    element.addEventListener('lectern:languagechange', heard);
    return () => element.removeEventListener('lectern:languagechange', heard);
  }, [onLanguageChange]);
  return <lectern-article ref={ref} src={SRC} language={language} heading-level="2" />;
}

const route = () => location.hash || '#/article';

function App() {
  const [page, setPage] = useState(route);
  const [language, setLanguage] = useState('en');
  const [heard, setHeard] = useState('');
  useEffect(() => {
    const follow = () => setPage(route());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return (
    <>
      <header>
        <nav aria-label="Site">
          <a href="#/article">Article</a> <a href="#/about">About</a>
        </nav>
        <label>
          Language{' '}
          <select id="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="en">English</option>
            <option value="zh-Hans">简体</option>
            <option value="zh-Hant">繁體</option>
            <option value="en+zh-Hans">English + 简体</option>
          </select>
        </label>
        <output id="heard">{heard}</output>
      </header>
      <main>{page === '#/article' ? <Article language={language} onLanguageChange={setHeard} /> : <p>About Example News.</p>}</main>
    </>
  );
}

createRoot(document.getElementById('app')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
