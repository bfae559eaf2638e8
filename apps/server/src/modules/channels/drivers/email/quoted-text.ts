/**
 * Finds where the quoted history of an email reply starts. Written here rather than taken from
 * email-reply-parser: that package needs Node 22 and the native re2 module to keep its regexes linear on
 * hostile input, knows no Hungarian, Turkish or Uzbek clients, and folds signatures into its "hidden" part.
 */

// Longer lines are never attribution lines; the cap also bounds the work each pattern does per line.
const maxHeaderLineLength = 400;

/** "On <date>, <name> <address> wrote:" as mail clients write it in the languages our customers use. */
const attributionPatterns = [
  /^(?:On|Em)\s.*\b(?:wrote|escreveu)\s?:$/i, // en, pt
  /^Am\s.*\bschrieb\b.*:$/i, // de
  /^.*<[^<>\s]+@[^<>\s]+>\s+schrieb\s?:$/i, // de (Outlook for Mac)
  /^Le\s.*\sécrit\s?:$/iu, // fr
  /^El\s.*\bescribió\s?:$/i, // es
  /^Il\s.*\bscritto\s?:$/i, // it
  /^Op\s.*\bschreef\b.*:$/i, // nl
  /\s(?:ezt\s)?írta(?:\s\(.*\))?\s?:$/iu, // hu: "2024. márc. 5. 10:12 dátummal Anna <a@x.hu> ezt írta:"
  /\s(?:şunu\s|şunları\s)?yazdı\s?:$/iu, // tr: "Anna <a@x.hu>, 5 Mar 2024 Sal, 10:12 tarihinde şunu yazdı:"
  /\s(?:quyidagilarni\s)?yozdi\s?:$/iu, // uz
  /\s(?:на)?писал(?:а|\(а\))?\s?:$/iu, // ru
  /^.*\bwrote\s?:$/i, // en, name first ("Anna <a@x.hu> wrote:")
];

/** Lines that open a forwarded or quoted original in Outlook, Thunderbird and friends. */
const originalMessageSeparator =
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Eredeti üzenet|Orijinal İleti|Özgün İleti|Orijinal Mesaj|Исходное сообщение|Asl xabar)\s*-{2,}$/iu;

/** Outlook's header block of the quoted message: "From: …", then "Sent: …", "To: …", "Subject: …". */
const fromHeader = /^\*?(?:From|Von|De|Van|Da|Feladó|Kimden|Gönderen|От|Kimdan)\s?:\*?\s*\S/iu;
const otherHeader =
  /^\*?(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Para|Asunto|Inviato|Oggetto|Verzonden|Aan|Onderwerp|Küldve|Dátum|Címzett|Tárgy|Gönderildi|Tarih|Kime|Alıcı|Konu|Отправлено|Дата|Кому|Тема|Yuborildi|Sana|Kimga|Mavzu)\s?:\*?\s/iu;

const isQuoted = (line: string) => /^\s*>/.test(line);
const isBlank = (line: string) => line.trim() === '';

/** An attribution has a date or an address in it: "Here is what my colleague wrote:" is not one. */
function isAttribution(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > maxHeaderLineLength || isQuoted(line) || !/[\d@]/.test(trimmed)) return false;
  return attributionPatterns.some((pattern) => pattern.test(trimmed));
}

/** How many lines (1 or 2: clients wrap long attributions) the attribution starting at index spans; 0 if none. */
function attributionLength(lines: string[], index: number): number {
  const line = lines[index] ?? '';
  if (isAttribution(line)) return 1;
  const next = lines[index + 1];
  if (next !== undefined && !isBlank(line) && !isQuoted(next) && isAttribution(`${line.trim()} ${next.trim()}`)) {
    return 2;
  }
  return 0;
}

function isOutlookHeaderBlock(lines: string[], index: number): boolean {
  if (!fromHeader.test((lines[index] ?? '').trim())) return false;
  const following = lines.slice(index + 1, index + 7).filter((line) => !isBlank(line));
  return following.filter((line) => otherHeader.test(line.trim())).length >= 2;
}

/** Where the trailing block of ">" lines (blank lines allowed) starts, or -1 when the text does not end in one. */
function trailingQuoteStart(lines: string[]): number {
  let start = -1;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    if (isQuoted(line)) start = index;
    else if (!isBlank(line)) break;
  }
  return start;
}

function previousNonBlank(lines: string[], index: number): number {
  let previous = index - 1;
  while (previous >= 0 && isBlank(lines[previous] ?? '')) previous -= 1;
  return previous;
}

/** The first line of the quoted history, or -1. */
function findQuoteStart(lines: string[]): number {
  const trailing = trailingQuoteStart(lines);
  for (let index = 0; index < lines.length; index += 1) {
    if (trailing >= 0 && index >= trailing) break;
    const line = lines[index] ?? '';
    if (originalMessageSeparator.test(line.trim())) return index;
    if (isOutlookHeaderBlock(lines, index)) {
      // Outlook on the web draws a line of underscores above the block.
      const previous = previousNonBlank(lines, index);
      return previous >= 0 && /^_{10,}$/.test((lines[previous] ?? '').trim()) ? previous : index;
    }
    const length = attributionLength(lines, index);
    if (length > 0) {
      let next = index + length;
      while (next < lines.length && isBlank(lines[next] ?? '')) next += 1;
      // Followed by ">" lines, it heads the quote only if they run to the end; interleaved answers are the reply.
      if (next >= lines.length || !isQuoted(lines[next] ?? '') || next === trailing) return index;
      index += length - 1;
    }
  }
  if (trailing < 0) return -1;
  const previous = previousNonBlank(lines, trailing);
  if (previous >= 0 && isAttribution(lines[previous] ?? '')) return previous;
  if (previous >= 1 && attributionLength(lines, previous - 1) === 2) return previous - 1;
  return trailing;
}

/**
 * Separates the new text of an email reply from the quoted history under it (the "On … wrote:" block,
 * ">" lines, Outlook's "From:/Sent:/To:/Subject:" block, "-----Original Message-----"), for display and to
 * trim outgoing replies. reply is the text above the history without trailing blank lines; quoted is the
 * rest from its first line. Nothing is ever hidden by guesswork: when the text is all history, or answers
 * are interleaved with or written below the quotes, or no history is found, reply is the whole text and
 * quoted is ''. Lines end in "\n" in both. Never throws.
 */
export function splitQuotedText(text: string): { reply: string; quoted: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = findQuoteStart(lines);
  const reply = start < 0 ? '' : lines.slice(0, start).join('\n').trimEnd();
  if (reply.trim() === '') return { reply: lines.join('\n').trimEnd(), quoted: '' };
  return { reply, quoted: lines.slice(start).join('\n').trim() };
}

/**
 * Where the quoted history found by splitQuotedText begins in `text` (a string index; "\n" line ends, as
 * parseEmail gives), or null when there is none. `text.slice(0, start).trimEnd()` is then the reply and
 * `text.slice(start).trim()` the history: a message can be stored whole and shown in two parts.
 */
export function quotedTextStart(text: string): number | null {
  const { reply, quoted } = splitQuotedText(text);
  if (!quoted) return null;
  // The history runs to the end of the text (less trailing blanks), so its last occurrence is where it starts.
  const start = text.lastIndexOf(quoted);
  return start >= reply.length ? start : null;
}
