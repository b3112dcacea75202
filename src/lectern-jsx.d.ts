// JSX typing of <lectern-article> for React 19 (`import type {} from
// 'lectern/jsx'`): its attributes, and a ref to the element.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LecternArticleElement, RelatedMode } from './lectern.js';

/** The element's attributes, as JSX writes them. */
export interface LecternArticleAttributes extends DetailedHTMLProps<HTMLAttributes<LecternArticleElement>, LecternArticleElement> {
  src: string;
  language?: string;
  'heading-level'?: 1 | 2 | 3 | 4 | 5 | 6 | `${1 | 2 | 3 | 4 | 5 | 6}`;
  related?: RelatedMode;
  allow?: string;
  credentials?: 'omit' | 'include';
  storage?: 'on' | 'off';
  pages?: string;
  'ui-lang'?: string;
  strings?: string;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'lectern-article': LecternArticleAttributes;
    }
  }
}
