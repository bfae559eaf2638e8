-- What a list of messages needs to know of each one's HTML, stored beside it so that lists no longer read the HTML
-- (an email's can be hundreds of kilobytes) to say two booleans. Written with body_html, from the same sanitized HTML
-- (messageHtmlColumns in apps/server/src/modules/conversations/message-html.ts).

-- Adding a column with a constant default rewrites nothing: rows without HTML already hold the right values.
ALTER TABLE messages
  ADD COLUMN has_html boolean NOT NULL DEFAULT false,
  -- The HTML holds a quote container the sanitizer marked data-quoted-history="1" (hasQuotedHistory, quoted-html.ts).
  ADD COLUMN has_quoted_history boolean NOT NULL DEFAULT false;

-- Only messages with HTML change. The test is hasQuotedHistory's: its plain search for the mark, then its
-- quotedHistoryTag (\s written [[:space:]], which needs no backslash in a string literal).
UPDATE messages
   SET has_html = true,
       has_quoted_history = strpos(body_html, 'data-quoted-history="1"') > 0
                            AND body_html ~ '<[a-z][a-z0-9]*[[:space:]][^>]*data-quoted-history="1"'
 WHERE body_html IS NOT NULL;

-- A write that sets or clears body_html without its flags fails instead of leaving lists wrong.
ALTER TABLE messages ADD CONSTRAINT messages_html_flags_check
  CHECK (has_html = (body_html IS NOT NULL) AND (has_html OR NOT has_quoted_history));
