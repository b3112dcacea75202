// Misuses the types must catch: the test command checks that this file
// fails, with one error per line marked below.
import type {} from 'lectern/jsx';

window.Lectern.mount(document.body, { headingLevel: 7 }); // error: a level from 1 to 6
window.Lectern.mount(document.body, { related: 'modal' }); // error: link or inline
window.Lectern.mount('#article'); // error: an element
document.body.addEventListener('lectern:load', (e) => e.detail.title); // error: no title in the detail
document.createElement('lectern-article').setLanguage(); // error: a language
export const a = <lectern-article language="en" />; // error: src is required
