// The host's own script: adds a widget later, as a single-page app would,
// in the form the page's other widgets take (a data-lectern-src element or
// <lectern-article>).
document.getElementById('add-later').addEventListener('click', () => {
  const first = document.getElementById('widget-en');
  const custom = first.localName === 'lectern-article';
  const src = (custom ? first.getAttribute('src') : first.dataset.lecternSrc).replace(
    'china-opportunity-to-lead-on-north-korea',
    'sanctions-in-three-questions',
  );
  const element = document.createElement(custom ? 'lectern-article' : 'div');
  element.id = 'widget-later';
  if (custom) {
    element.setAttribute('src', src);
    element.setAttribute('language', 'zh-Hans');
  } else {
    element.dataset.lecternSrc = src;
    element.dataset.lecternLang = 'zh-Hans';
  }
  document.getElementById('later').append(element);
});
