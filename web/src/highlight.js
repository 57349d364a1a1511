// Highlighting in text the server described by UTF-8 byte offsets (evidence spans), and marking the words that
// gave an event's actors and verb.
import { h } from './dom.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The string index of each UTF-8 byte offset of `text` (offsets inside a character map to its start).
export function byteToIndex(text, byteOffset) {
  const bytes = encoder.encode(text);
  const clamped = Math.max(0, Math.min(byteOffset, bytes.length));
  let end = clamped;
  while (end > 0 && end < bytes.length && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return decoder.decode(bytes.subarray(0, end)).length;
}

// `text` with the byte range [start, end) in a <mark class="evidence">.
export function markEvidence(text, start, end) {
  const from = byteToIndex(text, start);
  const to = byteToIndex(text, end);
  return h('span', { class: 'sentence' },
    text.slice(0, from), h('mark', { class: 'evidence' }, text.slice(from, to)), text.slice(to));
}

// Where `words` occur in text[from, to) (case-insensitive), as [begin, end) string indexes; null when absent.
// A verb the coder reports in another form than the text's ("fire" for "fired") is found by its first word's
// stem at a word start.
export function findWords(text, words, from, to) {
  if (!words) return null;
  const window = text.slice(from, to).toLowerCase();
  const needle = words.toLowerCase().trim();
  let at = window.indexOf(needle);
  if (at >= 0) return [from + at, from + at + needle.length];
  const first = needle.split(/\s+/)[0];
  const stem = first.length > 4 ? first.slice(0, first.length - 2) : first.slice(0, 3);
  const re = new RegExp(`\\b${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\w*`, 'i');
  const m = re.exec(window);
  return m ? [from + m.index, from + m.index + m[0].length] : null;
}

// `text` with non-overlapping ranges marked: ranges are {begin, end, kind, title}; an overlapping later range is
// dropped (the evidence of one event may hold another's words).
export function markRanges(text, ranges) {
  const sorted = [...ranges].sort((x, y) => x.begin - y.begin || y.end - x.end);
  const out = [];
  let at = 0;
  for (const r of sorted) {
    if (r.begin < at || r.end <= r.begin) continue;
    out.push(text.slice(at, r.begin));
    out.push(h('mark', { class: r.kind, title: r.title }, text.slice(r.begin, r.end)));
    at = r.end;
  }
  out.push(text.slice(at));
  return out;
}
