// Indents an XML message for reading. The server returns the masked message as it was sent, often
// on one line; this re-indents it without a DOM (the unit tests run in node) and without changing
// a character of any tag, attribute or text: only whitespace between tags is touched. Anything it
// cannot tokenise is returned as it came, since showing the original beats showing a guess.

type Token =
  | { kind: 'open'; text: string; name: string }
  | { kind: 'close'; text: string; name: string }
  | { kind: 'empty'; text: string }
  | { kind: 'other'; text: string }
  | { kind: 'text'; text: string };

const NAME = /^<\/?\s*([^\s/>]+)/;

// Reads up to the '>' that ends a tag, skipping any '>' inside a quoted attribute value.
const tagEnd = (xml: string, from: number): number => {
  let quote: string | null = null;
  for (let i = from; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote !== null) {
      if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return -1;
};

const tokenise = (xml: string): Token[] | null => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const end = next === -1 ? xml.length : next;
      tokens.push({ kind: 'text', text: xml.slice(i, end) });
      i = end;
      continue;
    }
    const special: [string, string][] = [
      ['<!--', '-->'],
      ['<![CDATA[', ']]>'],
      ['<?', '?>'],
    ];
    const opener = special.find(([start]) => xml.startsWith(start, i));
    if (opener !== undefined) {
      const close = xml.indexOf(opener[1], i + opener[0].length);
      if (close === -1) {
        return null;
      }
      const end = close + opener[1].length;
      // CDATA is content, kept inline with the text around it.
      tokens.push({ kind: opener[0] === '<![CDATA[' ? 'text' : 'other', text: xml.slice(i, end) });
      i = end;
      continue;
    }
    const end = tagEnd(xml, i + 1);
    if (end === -1) {
      return null;
    }
    const text = xml.slice(i, end + 1);
    const name = NAME.exec(text)?.[1];
    if (text.startsWith('<!')) {
      tokens.push({ kind: 'other', text });
    } else if (name === undefined) {
      return null;
    } else if (text.startsWith('</')) {
      tokens.push({ kind: 'close', text, name });
    } else if (text.endsWith('/>')) {
      tokens.push({ kind: 'empty', text });
    } else {
      tokens.push({ kind: 'open', text, name });
    }
    i = end + 1;
  }
  return tokens;
};

/**
 * `xml` with one element per line, children indented by `indent`; an element holding only text
 * stays on one line. Whitespace-only text between tags is dropped (it was layout), other text is
 * kept exactly. Malformed input (unclosed tag, mismatched end tag) comes back unchanged.
 */
export const prettyXml = (xml: string, indent = '  '): string => {
  const tokens = tokenise(xml);
  if (tokens === null) {
    return xml;
  }
  const lines: string[] = [];
  const open: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    const pad = indent.repeat(open.length);
    if (token.kind === 'text') {
      if (token.text.trim() !== '') {
        lines.push(pad + token.text);
      }
      i += 1;
      continue;
    }
    if (token.kind === 'open') {
      // <a>text</a> (text possibly several pieces, e.g. with CDATA) stays on one line.
      let j = i + 1;
      let inline = '';
      while (j < tokens.length && (tokens[j] as Token).kind === 'text') {
        inline += (tokens[j] as Token).text;
        j += 1;
      }
      const after = tokens[j];
      if (after !== undefined && after.kind === 'close' && after.name === token.name) {
        lines.push(pad + token.text + inline + after.text);
        i = j + 1;
        continue;
      }
      lines.push(pad + token.text);
      open.push(token.name);
      i += 1;
      continue;
    }
    if (token.kind === 'close') {
      if (open.pop() !== token.name) {
        return xml;
      }
      lines.push(indent.repeat(open.length) + token.text);
      i += 1;
      continue;
    }
    lines.push(pad + token.text);
    i += 1;
  }
  return open.length === 0 ? lines.join('\n') : xml;
};
