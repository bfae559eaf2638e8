import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';

/**
 * What a note's markdown may become: text formatting, lists, quotes, code,
 * links and tables. Headings become bold paragraphs (a note must not add
 * headings to the profile's outline); images are left out (a remote image
 * would tell its server that the note was read).
 */
const allowedElements = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
];

function Heading({ children }: { children?: ReactNode }) {
  return (
    <p>
      <strong>{children}</strong>
    </p>
  );
}

const components: Components = {
  // Links open elsewhere without giving that page a handle on the console or the address it came from.
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

/**
 * A note's markdown as formatted text (GitHub's flavour; a line break is a
 * line break, as typed in the note's text box). Never through innerHTML:
 * react-markdown builds React elements, shows raw HTML as text, and drops
 * `javascript:` and other unsafe link targets.
 */
export function NoteBody({ markdown }: { markdown: string }) {
  return (
    <div className="note__body">
      <Markdown
        remarkPlugins={[remarkGfm, remarkBreaks]}
        allowedElements={allowedElements}
        unwrapDisallowed
        components={components}
      >
        {markdown}
      </Markdown>
    </div>
  );
}
