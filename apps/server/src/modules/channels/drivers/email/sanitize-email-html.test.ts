import { compile } from 'html-to-text';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasQuotedHistory } from './quoted-html.js';
import { allowRemoteImages, resolveContentIds, sanitizeEmailHtml } from './sanitize-email-html.js';

const pixel =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const payloads = [
  '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
  '<base href="http://evil.example/">',
  '<link rel="stylesheet" href="http://evil.example/x.css">',
  '<style>@import url(http://evil.example/x.css); body { background: url("javascript:alert(1)") }</style>',
  '<script>alert("script")</script>',
  '<SCRIPT SRC=http://evil.example/x.js></SCRIPT>',
  '<body onload="alert(1)" background="http://tracker.example/body.png">',
  '<img src="x" onerror="alert(1)">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x0A;ascript:alert(1)">',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+">',
  '<img src="//evil.example/protocol-relative.gif">',
  '<img srcset="http://tracker.example/srcset.gif 1x">',
  '<img data-remote-src="javascript:alert(1)">',
  '<svg onload="alert(1)"><circle r="10"/></svg>',
  '<SVG/ONLOAD=alert(1)>',
  '<math href="javascript:alert(1)"><mtext>formula</mtext></math>',
  '<a href="javascript:alert(1)">js</a>',
  '<a href=" JaVaScRiPt:alert(1)">spaced</a>',
  '<a href="jav&#x09;ascript:alert(1)">tabbed</a>',
  '<a href="&#106;avascript:alert(1)">entity</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a xlink:href="javascript:alert(1)">xlink</a>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example/login"><input name="password"><input type="image" src="http://t.example/i.gif"><button formaction="javascript:alert(1)">Log in</button></form>',
  '<video poster="http://tracker.example/poster.png"><source src="http://evil.example/v.mp4"></video>',
  '<details open ontoggle="alert(1)"><summary>more</summary></details>',
  '<div style="width: expression(alert(1)); color: red">expression</div>',
  '<div style="background: url(http://tracker.example/bg.png); background-image: url(javascript:alert(1))">bg</div>',
  '<div style="color: \\65xpression(alert(1)); behavior: url(x.htc); -moz-binding: url(x.xml#x)">escapes</div>',
  '<div style="width: expr/**/ession(alert(1)); position: fixed; top: 0">comment</div>',
  '<!--[if gte mso 9]><script>alert(1)</script><![endif]-->',
  '<noscript><img src="http://tracker.example/noscript.gif"></noscript>',
  '<template><script>alert(1)</script></template>',
  '<p id="__proto__" class="x" name="y">clobbering</p>',
];

/** The checks the brief asks of the XSS corpus, on any sanitized output. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\son\w+\s*=/i);
  expect(html).not.toMatch(/(?:javascript|vbscript|livescript)\s*:/i);
  expect(html).not.toMatch(/data:(?!image\/(?:png|jpeg|gif|webp);base64,)/i);
  expect(html).not.toMatch(/<(?:svg|math|iframe|object|embed|form|input|button|meta|base|link|style|video|source)\b/i);
  for (const [, style] of html.matchAll(/\sstyle="([^"]*)"/g)) {
    expect(style).not.toMatch(/expression|url|behavior|binding|position|\\|\/\*/i);
  }
  for (const [, src] of html.matchAll(/\ssrc="([^"]*)"/g)) {
    expect(src).toMatch(/^(?:cid:|data:image\/(?:png|jpeg|gif|webp);base64,)/);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sanitizeEmailHtml', () => {
  it('leaves nothing that runs, loads or submits from the XSS corpus', () => {
    const { html, hasRemoteImages } = sanitizeEmailHtml(
      `<p>Dear <b>support</b>, <i>please</i> help.</p>${payloads.join('\n')}<img src="http://tracker.example/open.gif?u=42" width="1" height="1">`,
    );

    expectInert(html);
    expect(html).not.toMatch(/\s(?:id|class|name|srcset|background|poster)=/);
    expect(html).toContain('<p>Dear <b>support</b>, <i>please</i> help.</p>');
    expect(html).toContain('<img width="1" height="1" data-remote-src="http://tracker.example/open.gif?u=42" />');
    expect(html).not.toContain('evil.example');
    expect(hasRemoteImages).toBe(true);
    // Text that sat inside removed elements stays readable where a browser would show it too.
    expect(html).toContain('formula');
    expect(html).toContain('Log in');
  });

  it('keeps formatting, links, lists, tables and the allowlisted styles', () => {
    const { html, hasRemoteImages } = sanitizeEmailHtml(
      '<h2 align="center">Title</h2><p dir="rtl" lang="ar">مرحبا</p><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
        '<blockquote>quoted</blockquote><pre>code</pre><font color="#ff0000" size="2">old</font>' +
        '<table width="100%" border="0" cellpadding="4" bgcolor="#eeeeee"><tr><th colspan="2" align="left">H</th></tr>' +
        '<tr><td valign="top" style="padding: 4px 8px; border: 1px solid rgb(200, 200, 200)">a</td><td width="50%">b</td></tr></table>' +
        '<p style="color: #333; background-color: hsl(0, 0%, 95%); font-weight: bold; font-style: italic; text-decoration: underline; text-align: justify; margin: 0 auto; width: 100%; height: 20px">styled</p>',
    );

    expect(html).toBe(
      '<h2 align="center">Title</h2><p dir="rtl" lang="ar">مرحبا</p><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
        '<blockquote>quoted</blockquote><pre>code</pre><font color="#ff0000" size="2">old</font>' +
        '<table width="100%" border="0" cellpadding="4" bgcolor="#eeeeee"><tr><th colspan="2" align="left">H</th></tr>' +
        '<tr><td valign="top" style="padding: 4px 8px; border: 1px solid rgb(200, 200, 200)">a</td><td width="50%">b</td></tr></table>' +
        '<p style="color: #333; background-color: hsl(0, 0%, 95%); font-weight: bold; font-style: italic; text-decoration: underline; text-align: justify; margin: 0 auto; width: 100%; height: 20px">styled</p>',
    );
    expect(hasRemoteImages).toBe(false);
  });

  it('drops attribute values outside their allowlist', () => {
    const { html } = sanitizeEmailHtml(
      '<td width="100px; x" bgcolor="red;background:url(x)" colspan="2x" align="middle-ish">c</td><p style="color">x</p>',
    );
    expect(html).toBe('<td>c</td><p>x</p>');
  });

  it('opens http, https, mailto and tel links in a new tab without a referrer, and unlinks everything else', () => {
    const { html } = sanitizeEmailHtml(
      '<a href="https://example.com/a b?x=1&amp;y=2" target="_self" rel="opener">web</a>' +
        '<a href="mailto:support@rapport.example">mail</a><a href="tel:+3612345678">call</a>' +
        '<a href="/api/v1/customers">relative</a><a href="#top">anchor</a><a href="ftp://example.com/f">ftp</a><a>bare</a>',
    );
    const attributes = 'target="_blank" rel="noopener noreferrer nofollow"';
    expect(html).toBe(
      `<a href="https://example.com/a%20b?x=1&amp;y=2" ${attributes}>web</a>` +
        `<a href="mailto:support@rapport.example" ${attributes}>mail</a><a href="tel:+3612345678" ${attributes}>call</a>` +
        '<a>relative</a><a>anchor</a><a>ftp</a><a>bare</a>',
    );
  });

  it('keeps cid: images and png, jpeg, gif and webp data images, and parks remote ones in data-remote-src', () => {
    const { html, hasRemoteImages } = sanitizeEmailHtml(
      `<img src="cid:logo@01DA" alt="Logo"><img src="${pixel}"><img src="https://cdn.example/a.png" alt="A"><img src="/local.png">`,
    );
    expect(html).toBe(
      `<img alt="Logo" src="cid:logo@01DA" /><img src="${pixel}" /><img alt="A" data-remote-src="https://cdn.example/a.png" />`,
    );
    expect(hasRemoteImages).toBe(true);
    expect(sanitizeEmailHtml(`<img src="cid:logo@01DA"><img src="${pixel}">`).hasRemoteImages).toBe(false);
  });

  it('does not let an unclosed svg or math element swallow the rest of the mail', () => {
    const { html } = sanitizeEmailHtml('<svg><circle r="1"><p>after the svg</p><math><p>after the math</p>');
    expect(html).toBe('<p>after the svg</p><p>after the math</p>');
  });

  it('keeps the text but not the tags nested deeper than 200, and stays fast on a nesting bomb', () => {
    const { html } = sanitizeEmailHtml(`${'<div>'.repeat(250)}deep${'</div>'.repeat(250)}<p>after</p>`);
    expect(html).toBe(`${'<div>'.repeat(200)}deep${'</div>'.repeat(200)}<p>after</p>`);

    const started = performance.now();
    const bomb = sanitizeEmailHtml(`${'<div>'.repeat(100_000)}bomb${'</div>'.repeat(100_000)}${'<b'.repeat(100_000)}`);
    expect(bomb.html).toContain('bomb');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('filters malformed CSS without writing to the console', () => {
    const warn = vi.spyOn(console, 'warn');
    const { html } = sanitizeEmailHtml('<p style="color: red; {{{ ;;; font-weight:">x</p>');
    expect(html).toBe('<p style="color: red">x</p>');
    expect(warn).not.toHaveBeenCalled();
  });

  it('returns an empty string for empty or text-only input, escaping the text', () => {
    expect(sanitizeEmailHtml('')).toEqual({ html: '', hasRemoteImages: false });
    expect(sanitizeEmailHtml('1 < 2 & "3"').html).toBe('1 &lt; 2 &amp; "3"');
  });
});

describe('the quoted history of an HTML reply', () => {
  const marked = (html: string) => (html.match(/<[^>]*data-quoted-history="1"/g) ?? []).length;
  const gmail =
    '<div dir="ltr">Köszönöm, csütörtökön jó.<br><br>Üdv,<br>Ádám</div><br>' +
    '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">2026. dec. 7., H 10:12 ' +
    'dátummal Anna &lt;anna@example.hu&gt; ezt írta:<br></div>' +
    '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Mikor jó a hívás?</blockquote></div>';

  it('marks the container of Gmail, Apple Mail, Thunderbird, Yahoo and new Outlook under a reply', () => {
    const { html } = sanitizeEmailHtml(gmail);
    expect(marked(html)).toBe(1);
    expect(html).toMatch(/^<div dir="ltr">Köszönöm/);
    expect(html).toContain('<div data-quoted-history="1"><div dir="ltr">2026. dec. 7.');
    expect(html).not.toContain('class=');
    const apple = '<div>Teşekkürler!</div><div><br><blockquote type="cite"><div>Merhaba</div></blockquote></div>';
    expect(marked(sanitizeEmailHtml(apple).html)).toBe(1);
    const thunderbird =
      '<p>Danke!</p><div class="moz-cite-prefix">Am 07.12.26 um 10:12 schrieb Anna:<br></div>' +
      '<blockquote type="cite">Wann passt es?</blockquote>';
    expect(marked(sanitizeEmailHtml(thunderbird).html)).toBe(2);
    expect(marked(sanitizeEmailHtml('<p>Rahmat</p><div class="yahoo_quoted"><p>Salom</p></div>').html)).toBe(1);
    const outlook = '<p>Thanks</p><div id="mail-editor-reference-message-container"><p>From: Anna</p></div>';
    expect(marked(sanitizeEmailHtml(outlook).html)).toBe(1);
  });

  it('marks nothing when the mail is all history, answers between the quotes, or only looks like a quote', () => {
    const forward = '<div class="gmail_quote"><p>---------- Forwarded message ---------</p><p>Hello</p></div>';
    expect(marked(sanitizeEmailHtml(forward).html)).toBe(0);
    const interleaved =
      '<p>See below.</p><blockquote type="cite">When?</blockquote><p>Thursday.</p><blockquote type="cite">Where?</blockquote>';
    expect(marked(sanitizeEmailHtml(interleaved).html)).toBe(0);
    // A sender cannot hide parts of a mail by writing the marker themselves.
    const forged = '<p>Pay here</p><div data-quoted-history="1">and not here</div>';
    expect(marked(sanitizeEmailHtml(forged).html)).toBe(0);
    expect(marked(sanitizeEmailHtml('<p>Hi</p><p><b>data-quoted-history="1"</b></p>').html)).toBe(0);
  });

  it('keeps the mark through the later passes of stored HTML', () => {
    const { html } = sanitizeEmailHtml(gmail);
    expect(marked(allowRemoteImages(html))).toBe(1);
    expect(marked(resolveContentIds(html, () => null))).toBe(1);
  });
});

describe('the quoted history of an Outlook reply, which has no container', () => {
  const marked = (html: string) => (html.match(/<[^>]*data-quoted-history="1"/g) ?? []).length;
  // What the message document shows while the history is folded.
  const shownText = compile({ wordwrap: false, selectors: [{ selector: '[data-quoted-history]', format: 'skip' }] });
  const shown = (html: string) => shownText(html).replace(/\s+/g, ' ').trim();
  const header = (labels: [string, string, string, string]) =>
    `<p class=MsoNormal><b>${labels[0]}</b> Acme Support &lt;support@example.com&gt;<br><b>${labels[1]}</b> 2026. ` +
    `december 7. 10:00<br><b>${labels[2]}</b> Ádám Kovács<br><b>${labels[3]}</b> RE: Order 1234<o:p></o:p></p>`;
  const english = header(['From:', 'Sent:', 'To:', 'Subject:']);
  /** Classic Outlook's Word HTML: the reply, then the "From:" block of the quoted message, then that message. */
  const classic = (reply: string, separator: string) =>
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style><!-- p.MsoNormal ' +
    '{margin:0cm} --></style></head><body lang=HU link="#0563C1"><div class=WordSection1>\n' +
    `${reply}<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n${separator}\n` +
    '<p class=MsoNormal>Your order 1234 has shipped.<o:p></o:p></p>\n<p class=MsoNormal>Acme<o:p></o:p></p>\n' +
    '</div></body></html>';
  const border = (color: string, labels = english) =>
    `<div style='border:none;border-top:solid ${color} 1.0pt;padding:3.0pt 0cm 0cm 0cm'>\n${labels}\n</div>`;
  const thanks = '<p class=MsoNormal>Thanks, that works.<o:p></o:p></p>\n';

  it('folds classic Outlook’s "From:" block and everything after it, under the reply', () => {
    const { html } = sanitizeEmailHtml(classic(thanks, border('#E1E1E1')));
    expect(shown(html)).toBe('Thanks, that works.');
    expect(html).toContain('<p>Thanks, that works.</p>');
    expect(html).toContain('<div data-quoted-history="1" style="border: none; border-top: solid #E1E1E1 1.0pt;');
    expect(html).toContain('<p data-quoted-history="1">Your order 1234 has shipped.</p>');
    expect(marked(html)).toBe(3);
    expect(hasQuotedHistory(html)).toBe(true);
    // Older Outlook's colour, its block in a div of its own, and the history going on after its container.
    const older = classic(thanks, `<div>${border('#B5C4DF')}</div>`).replace(
      '</div></body>',
      '</div><table><tr><td>Order 1234</td></tr></table>Tracking: 42<p>Acme Ltd.</p></body>',
    );
    const folded = sanitizeEmailHtml(older).html;
    expect(shown(folded)).toBe('Thanks, that works.');
    expect(folded).toContain('<table data-quoted-history="1">');
    expect(folded).toContain('<span data-quoted-history="1">Tracking: 42</span>');
    expect(folded).toContain('<p data-quoted-history="1">Acme Ltd.</p>');
  });

  it('folds the history under Outlook on the web’s and Outlook mobile’s line and "From:" block', () => {
    const owa =
      '<div dir="ltr">Köszönöm!</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" ' +
      'tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" color="#000000"><b>Feladó:</b> ' +
      'Acme<br><b>Elküldve:</b> 2026. december 7. 10:00</font><div>&nbsp;</div></div><div><p>Szállítva.</p></div>';
    const { html } = sanitizeEmailHtml(owa);
    expect(shown(html)).toBe('Köszönöm!');
    expect(html).toContain('<hr data-quoted-history="1" style="width: 98%" />');
    expect(marked(html)).toBe(3);
    // The header block alone is enough (and its line alone).
    const { html: noLine } = sanitizeEmailHtml(owa.replace(/<hr[^>]*>/, ''));
    expect(shown(noLine)).toBe('Köszönöm!');
    expect(marked(sanitizeEmailHtml(owa.replace('id="divRplyFwdMsg"', '')).html)).toBe(3);
  });

  it('finds the separator by its structure, whatever the language of its "From:"', () => {
    const labels: [string, string, string, string][] = [
      ['Feladó:', 'Elküldve:', 'Címzett:', 'Tárgy:'],
      ['Von:', 'Gesendet:', 'An:', 'Betreff:'],
      ['Kimden:', 'Gönderildi:', 'Kime:', 'Konu:'],
    ];
    for (const local of labels) {
      const { html } = sanitizeEmailHtml(classic('<p class=MsoNormal>Köszönöm.</p>', border('#E1E1E1', header(local))));
      expect(shown(html)).toBe('Köszönöm.');
      expect(html).toContain(`<b>${local[0]}</b>`);
    }
    // Nothing but the border's style counts: another border, or only the words, fold nothing.
    expect(marked(sanitizeEmailHtml(classic(thanks, border('#FF0000'))).html)).toBe(0);
    expect(marked(sanitizeEmailHtml(classic(thanks, english)).html)).toBe(0);
  });

  it('folds nothing when the mail is all history, answers between the quotes, or only forges a mark', () => {
    // Forwards, from classic Outlook and from Outlook on the web: nothing above the history. With a line above
    // it, the same mail is a reply.
    expect(marked(sanitizeEmailHtml(classic('', border('#E1E1E1'))).html)).toBe(0);
    expect(marked(sanitizeEmailHtml(classic('<p class=MsoNormal>FYI</p>', border('#E1E1E1'))).html)).toBe(3);
    const forward =
      '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" ' +
      'dir="ltr"><b>From:</b> Acme<br><b>Subject:</b> FW: Order</div><div>Shipped.</div>';
    expect(marked(sanitizeEmailHtml(forward).html)).toBe(0);
    expect(marked(sanitizeEmailHtml(`<p>FYI</p>${forward}`).html)).toBe(3);
    // An answer between quotes, the separator further down; without the first quote, a reply.
    const interleaved =
      '<p>See below.</p><blockquote type="cite">When?</blockquote><p>Thursday.</p>' + `${border('#E1E1E1')}<p>Where?</p>`;
    expect(marked(sanitizeEmailHtml(interleaved).html)).toBe(0);
    expect(marked(sanitizeEmailHtml(interleaved.replace('<blockquote type="cite">When?</blockquote>', '')).html)).toBe(2);
    // Outlook's history quoted whole by Gmail starts nothing of its own: the answer below Gmail's quote stays.
    const quotedByGmail = `<p>Above.</p><div class="gmail_quote">${border('#E1E1E1')}<p>Old</p></div><p>Below.</p>`;
    expect(marked(sanitizeEmailHtml(quotedByGmail).html)).toBe(0);
    const { html: gmailOnly } = sanitizeEmailHtml(quotedByGmail.replace('<p>Below.</p>', ''));
    expect(marked(gmailOnly)).toBe(1);
    expect(shown(gmailOnly)).toBe('Above.');
    // The mark between the sanitizer's passes cannot be written by a sender.
    expect(marked(sanitizeEmailHtml('<p>Pay here</p><div data-quoted-history="start">and not here</div>').html)).toBe(0);
    const forged = '<p>Pay here</p><p data-quoted-history="start">not here</p><p>nor here</p>';
    expect(sanitizeEmailHtml(forged).html).toBe('<p>Pay here</p><p>not here</p><p>nor here</p>');
    expect(marked(sanitizeEmailHtml('<p>Hi</p><p>data-quoted-history="start"</p><p>Bye</p>').html)).toBe(0);
  });

  it('keeps the marks, and only the final ones, through the later passes of stored HTML', () => {
    const { html } = sanitizeEmailHtml(classic(thanks, border('#E1E1E1')));
    expect(marked(html)).toBe(3);
    expect(html).not.toContain('"start"');
    expect(allowRemoteImages(html)).toBe(html);
    expect(resolveContentIds(html, () => null)).toBe(html);
  });
});

describe('allowRemoteImages', () => {
  it('turns parked http(s) images back into src and keeps everything else as it was', () => {
    const { html } = sanitizeEmailHtml(
      `<p>Hi</p><img src="http://cdn.example/a.png" alt="A"><img src="cid:logo@x"><img data-remote-src="javascript:alert(1)">`,
    );
    const allowed = allowRemoteImages(html);
    expect(allowed).toBe('<p>Hi</p><img alt="A" src="http://cdn.example/a.png" /><img src="cid:logo@x" />');
    expect(allowRemoteImages(allowed)).toBe(allowed);
  });

  it('sanitizes whatever it is given, even html that never went through sanitizeEmailHtml', () => {
    const allowed = allowRemoteImages(
      `${payloads.join('')}<img data-remote-src="vbscript:x"><img data-remote-src="https://ok.example/i.png">`,
    );
    expect(allowed).toContain('<img src="https://ok.example/i.png" />');
    expect(allowed.replace('<img src="https://ok.example/i.png" />', '')).not.toMatch(/\ssrc="https?:/);
    expect(allowed).not.toMatch(/<script|\son\w+=|javascript:|vbscript:|<svg|<iframe|<form|<meta|<base/i);
  });
});

describe('resolveContentIds', () => {
  it('points cid: images at the urls the caller gives and drops the ones it cannot map', () => {
    const { html } = sanitizeEmailHtml(
      '<img src="cid:logo@01DA" alt="Logo"><img src="CID:foo4%25foo1@bar.net"><img src="cid:missing@x"><img src="http://cdn.example/a.png">',
    );
    const urls: Record<string, string> = {
      'logo@01DA': '/api/v1/attachments/att_1/content',
      'foo4%foo1@bar.net': 'https://files.rapport.example/att_2',
    };
    const resolved = resolveContentIds(html, (contentId) => urls[contentId] ?? null);
    expect(resolved).toBe(
      '<img alt="Logo" src="/api/v1/attachments/att_1/content" /><img src="https://files.rapport.example/att_2" />' +
        '<img data-remote-src="http://cdn.example/a.png" />',
    );
    // Resolved images are not remote images: allowing remote images afterwards changes only the parked one.
    expect(allowRemoteImages(resolved)).toBe(
      '<img alt="Logo" src="/api/v1/attachments/att_1/content" /><img src="https://files.rapport.example/att_2" />' +
        '<img src="http://cdn.example/a.png" />',
    );
  });

  it('refuses urls that are not http(s) or a path on this origin', () => {
    const html = '<img src="cid:a"><img src="cid:b"><img src="cid:c"><img src="cid:d">';
    const urls: Record<string, string> = {
      a: 'javascript:alert(1)',
      b: '//evil.example/x.png',
      c: 'data:text/html,<script>alert(1)</script>',
      d: '/\\evil.example/x.png',
    };
    expect(resolveContentIds(html, (contentId) => urls[contentId] ?? null)).toBe('');
  });
});
