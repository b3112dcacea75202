// The host's own script: adds a widget later, as a single-page app would.
document.getElementById('add-later').addEventListener('click', () => {
  const element = document.createElement('div');
  element.id = 'widget-later';
  element.dataset.lecternSrc = document.getElementById('widget-en').dataset.lecternSrc.replace(
    'china-opportunity-to-lead-on-north-korea',
    'sanctions-in-three-questions',
  );
  element.dataset.lecternLang = 'zh-Hans';
  document.getElementById('later').append(element);
});
