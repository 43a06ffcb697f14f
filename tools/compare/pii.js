#!/usr/bin/env node
// Runs a public JavaScript PII / NER tool over JSONL stories and prints spans in
// StoryDesk's scan format, so the tool can be scored with stories-dev's score.py.
//
//   node pii.js redact-pii|compromise [--check] < IN.jsonl > OUT.jsonl
//
// IN:  one JSON object per line with "id" and "body" (or "text").
// OUT: one line per story, in input order:
//      {"id": ..., "spans": [{"start", "end", "kind", "confidence", "reason"}]}
//      start/end are Unicode code points into the body, end exclusive.
// A malformed input line is reported on stderr with its line number and skipped;
// the exit status is then 1. Blank lines are skipped silently.
// --check also verifies, for every story, that the positions reproduce the tool's
// own output (redact-pii: SyncRedactor's redacted text; compromise: each term's
// text) and prints a count of mismatches on stderr.
'use strict';

const fs = require('fs');

const TOOL = process.argv[2];
const CHECK = process.argv.includes('--check');
if (TOOL !== 'redact-pii' && TOOL !== 'compromise') {
  process.stderr.write('usage: node pii.js redact-pii|compromise [--check] < IN.jsonl > OUT.jsonl\n');
  process.exit(2);
}

// ---------------------------------------------------------------------------
// UTF-16 index -> code point index.

function cpIndex(s) {
  // map[i] = number of code points in s.slice(0, i), for 0 <= i <= s.length.
  // An index inside a surrogate pair maps to the code point it is part of.
  const map = new Int32Array(s.length + 1);
  let cp = 0;
  for (let i = 0; i < s.length; i++) {
    map[i] = cp;
    const c = s.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const nextLow = i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    if (isHigh && nextLow) {
      map[i + 1] = cp; // inside the pair
      i++;
    }
    cp++;
  }
  map[s.length] = cp;
  return map;
}

function isSpace(c) {
  return /\s/.test(c);
}

// Builds an output span from UTF-16 [a, b), trimming surrounding whitespace.
function mkSpan(s, map, a, b, kind, confidence, reason) {
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  if (a >= b) return null;
  // never cut a surrogate pair: an end inside a pair moves past it
  let end = map[b];
  if (b < s.length && b > 0 && map[b] === map[b - 1] && b - 1 >= a) end = map[b] + 1;
  const start = map[a];
  if (end <= start) return null;
  return { start, end, kind, confidence, reason };
}

// ---------------------------------------------------------------------------
// redact-pii 3.4.0, built-in (non-Google-DLP) redactors.
//
// Its SyncRedactor runs twelve regexp redactors and then a name redactor in
// sequence, each on the text the previous one left (so a later pattern can
// swallow an earlier replacement token). It only returns the redacted text, so
// this replays the same steps with the same regexps on a text whose every
// UTF-16 unit remembers which original range it stands for, then reads the
// tokens left in the final text. --check compares the result with SyncRedactor.

const RP_KIND = {
  creditCardNumber: 'HOSPITAL_NUMBER', // a long digit string: unspecific id number
  streetAddress: 'ADDRESS',
  zipcode: 'POSTCODE', // US ZIP code
  phoneNumber: 'PHONE',
  ipAddress: 'HOSPITAL_NUMBER',
  usSocialSecurityNumber: 'NI_NUMBER', // the nearest UK equivalent
  emailAddress: 'EMAIL',
  username: 'HANDLE',
  password: 'HOSPITAL_NUMBER',
  credentials: 'HANDLE',
  digits: 'HOSPITAL_NUMBER', // any run of 4+ digits
  url: 'HANDLE',
  names: 'PERSON',
};

let rp = null;
function loadRedactPii() {
  if (rp) return rp;
  // Only the built-ins: the package index also loads @google-cloud/dlp, unused here.
  const { composeChildRedactors } = require('redact-pii/lib/composition');
  const { SimpleRegexpRedactor } = require('redact-pii/lib/built-ins/SimpleRegexpRedactor');
  const { NameRedactor } = require('redact-pii/lib/built-ins/NameRedactor');
  const patterns = require('redact-pii/lib/built-ins/simple-regexp-patterns');
  const wellKnown = require('redact-pii/lib/built-ins/well-known-names.json');
  const children = composeChildRedactors({});
  const names = Object.keys(patterns);
  const steps = [];
  children.forEach((r, i) => {
    if (r instanceof SimpleRegexpRedactor) {
      const name = names.find((n) => patterns[n] === r.regexpMatcher);
      if (!name) throw new Error('redact-pii: unknown built-in regexp redactor');
      steps.push({ type: 'regexp', name, re: r.regexpMatcher, replaceWith: r.replaceWith });
    } else if (r instanceof NameRedactor) {
      steps.push({ type: 'names', name: 'names', replaceWith: r.replaceWith });
    } else {
      throw new Error('redact-pii: unexpected redactor at position ' + i);
    }
  });
  // Same construction as lib/built-ins/NameRedactor.js (its regexps are not exported).
  const greetingRegex = /(^|\.\s+)(dear|hi|hello|greetings|hey|hey there)/gi;
  const closingRegex =
    /(thx|thanks|thank you|regards|best|[a-z]+ly|[a-z]+ regards|all the best|happy [a-z]+ing|take care|have a [a-z]+ (weekend|night|day))/gi;
  const greetingOrClosing = new RegExp(
    '(((' + greetingRegex.source + ')|(' + closingRegex.source + '\\s*[,.!]*))[\\s-]*)',
    'gi'
  );
  const genericName = new RegExp('( ?(([A-Z][a-z]+)|([A-Z]\\.)))+([,.]|[,.]?$)', 'gm');
  const wellKnownNames = new RegExp('\\b(\\s*)(\\s*(' + wellKnown.join('|') + '))+\\b', 'gim');
  const { SyncCompositeRedactor } = require('redact-pii/lib/SyncCompositeRedactor');
  rp = { steps, greetingOrClosing, genericName, wellKnownNames, sync: new SyncCompositeRedactor() };
  return rp;
}

// A text under redaction: each UTF-16 unit carries the original [os, oe) it
// stands for and the replacement token it belongs to (-1 for original text).
class Tracked {
  constructor(s) {
    this.s = s;
    this.os = Array.from({ length: s.length }, (_, i) => i);
    this.oe = Array.from({ length: s.length }, (_, i) => i + 1);
    this.tok = new Array(s.length).fill(-1);
    this.tokens = []; // {step, os, oe, swallowed}
  }
  // Replaces this.s[a, b) with text, a token of the given step.
  replace(a, b, text, step) {
    let os = Infinity;
    let oe = -Infinity;
    const swallowed = new Set();
    for (let i = a; i < b; i++) {
      if (this.os[i] < os) os = this.os[i];
      if (this.oe[i] > oe) oe = this.oe[i];
      if (this.tok[i] >= 0) swallowed.add(this.tokens[this.tok[i]].step);
    }
    const id = this.tokens.length;
    this.tokens.push({ step, os, oe, swallowed: [...swallowed] });
    const n = text.length;
    this.s = this.s.slice(0, a) + text + this.s.slice(b);
    this.os.splice(a, b - a, ...new Array(n).fill(os));
    this.oe.splice(a, b - a, ...new Array(n).fill(oe));
    this.tok.splice(a, b - a, ...new Array(n).fill(id));
  }
  // Tokens still present in the text, in order.
  finalTokens() {
    const out = [];
    for (let i = 0; i < this.s.length; i++) {
      const t = this.tok[i];
      if (t >= 0 && (i === 0 || this.tok[i - 1] !== t)) {
        let j = i;
        while (j < this.s.length && this.tok[j] === t) j++;
        out.push(Object.assign({ text: this.s.slice(i, j) }, this.tokens[t]));
      }
    }
    return out;
  }
}

function allMatches(re, s) {
  const r = new RegExp(re.source, re.flags);
  r.lastIndex = 0;
  const out = [];
  let m;
  while ((m = r.exec(s)) !== null) {
    out.push(m);
    if (m[0].length === 0) r.lastIndex++;
    if (!r.global) break;
  }
  return out;
}

function redactPii(body) {
  const R = loadRedactPii();
  const t = new Tracked(body);
  for (const st of R.steps) {
    if (st.type === 'regexp') {
      // String.prototype.replace with a plain replacement string (no "$")
      const ms = allMatches(st.re, t.s);
      for (let k = ms.length - 1; k >= 0; k--) {
        const m = ms[k];
        if (m[0].length) t.replace(m.index, m.index + m[0].length, st.replaceWith, st.name);
      }
      continue;
    }
    // NameRedactor.redact, step by step
    const g = R.greetingOrClosing;
    const n = R.genericName;
    g.lastIndex = 0;
    n.lastIndex = 0;
    let gm = g.exec(t.s);
    while (gm !== null) {
      n.lastIndex = g.lastIndex;
      const nm = n.exec(t.s);
      if (nm !== null && nm.index === g.lastIndex) {
        const suffix = nm[5] === null ? '' : nm[5];
        const whole = nm[0];
        if (typeof suffix === 'string' && whole.endsWith(suffix)) {
          // the suffix is put back unchanged: only the part before it is replaced
          t.replace(nm.index, nm.index + whole.length - suffix.length, st.replaceWith, st.name);
        } else {
          t.replace(nm.index, nm.index + whole.length, st.replaceWith + suffix, st.name);
        }
      }
      gm = g.exec(t.s);
    }
    // replace(wellKnownNames, '$1' + replaceWith): the leading whitespace is kept
    const ms = allMatches(R.wellKnownNames, t.s);
    for (let k = ms.length - 1; k >= 0; k--) {
      const m = ms[k];
      const lead = m[1] || '';
      if (m[0].length > lead.length) t.replace(m.index + lead.length, m.index + m[0].length, st.replaceWith, st.name);
    }
  }
  const toks = t.finalTokens();
  if (CHECK) {
    let rebuilt = '';
    let pos = 0;
    for (const k of toks) {
      rebuilt += body.slice(pos, k.os) + k.text;
      pos = k.oe;
    }
    rebuilt += body.slice(pos);
    const want = R.sync.redact(body);
    stats.checked++;
    if (rebuilt !== want || t.s !== want) stats.mismatch++;
  }
  const map = cpIndex(body);
  const spans = [];
  for (const k of toks) {
    let reason = 'redact-pii ' + k.step;
    if (k.swallowed.length) reason += ' (over ' + [...new Set(k.swallowed)].join(', ') + ')';
    const sp = mkSpan(body, map, k.os, k.oe, RP_KIND[k.step], 1, reason);
    if (sp) spans.push(sp);
  }
  return spans;
}

// ---------------------------------------------------------------------------
// compromise 14.17.0: people, phone numbers, e-mails, @mentions.
// .places() is not identifying and is skipped. Offsets from .json({offset:true})
// are UTF-16 units; a match's own offset includes trailing punctuation, so the
// span runs from its first term's start to its last term's end.

let nlp = null;
const CP_METHODS = [
  ['people', 'PERSON'],
  ['phoneNumbers', 'PHONE'],
  ['emails', 'EMAIL'],
  ['atMentions', 'HANDLE'],
];

function compromise(body) {
  if (!nlp) nlp = require('compromise');
  const doc = nlp(body);
  const map = cpIndex(body);
  const spans = [];
  for (const [method, kind] of CP_METHODS) {
    for (const m of doc[method]().json({ offset: true, confidence: true })) {
      const terms = (m.terms || []).filter((x) => x.offset && x.offset.length > 0);
      if (!terms.length) continue;
      if (CHECK) {
        for (const x of terms) {
          stats.checked++;
          if (body.slice(x.offset.start, x.offset.start + x.offset.length) !== x.text) stats.mismatch++;
        }
      }
      const a = terms[0].offset.start;
      const last = terms[terms.length - 1];
      const b = last.offset.start + last.offset.length;
      if (!(a >= 0 && b <= body.length && a < b)) continue;
      const conf = typeof m.confidence === 'number' ? Math.round(m.confidence * 1000) / 1000 : 1;
      const sp = mkSpan(body, map, a, b, kind, conf, 'compromise .' + method + '()');
      if (sp) spans.push(sp);
    }
  }
  spans.sort((x, y) => x.start - y.start || x.end - y.end);
  // identical spans from two methods count once
  return spans.filter((s, i) => i === 0 || s.start !== spans[i - 1].start || s.end !== spans[i - 1].end || s.kind !== spans[i - 1].kind);
}

// ---------------------------------------------------------------------------

const stats = { checked: 0, mismatch: 0 };

function main() {
  const input = fs.readFileSync(0, 'utf8');
  const lines = input.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const run = TOOL === 'redact-pii' ? redactPii : compromise;
  let bad = 0;
  let crashed = 0;
  let out = [];
  let outLen = 0;
  const flush = () => {
    if (out.length) fs.writeSync(1, out.join(''));
    out = [];
    outLen = 0;
  };
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    let obj;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      process.stderr.write(`pii.js: line ${n}: invalid JSON (${e.message}); skipped\n`);
      bad++;
      return;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || !('id' in obj)) {
      process.stderr.write(`pii.js: line ${n}: not an object with an "id"; skipped\n`);
      bad++;
      return;
    }
    const body = typeof obj.body === 'string' ? obj.body : obj.text;
    if (typeof body !== 'string') {
      process.stderr.write(`pii.js: line ${n}: no string "body" or "text"; skipped\n`);
      bad++;
      return;
    }
    let spans;
    const rec = { id: obj.id, spans: [] };
    try {
      spans = run(body);
    } catch (e) {
      crashed++;
      process.stderr.write(`pii.js: line ${n} (id ${JSON.stringify(obj.id)}): ${TOOL} failed: ${e && e.message}; no spans\n`);
      spans = [];
      rec.error = String(e && e.message);
    }
    rec.spans = spans;
    const s = JSON.stringify(rec) + '\n';
    out.push(s);
    outLen += s.length;
    if (outLen > 1 << 20) flush();
  });
  flush();
  if (CHECK) {
    process.stderr.write(`pii.js --check: ${TOOL}: ${stats.mismatch} mismatches in ${stats.checked} checks\n`);
  }
  if (crashed) process.stderr.write(`pii.js: ${TOOL} failed on ${crashed} stories (written with no spans)\n`);
  if (bad) {
    process.stderr.write(`pii.js: ${bad} malformed input line(s) skipped\n`);
    process.exitCode = 1;
  }
  if (CHECK && stats.mismatch) process.exitCode = 1;
}

main();
