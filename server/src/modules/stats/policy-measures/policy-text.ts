/**
 * Reads the policy's own text (关于大力发展数字贸易的若干意见, `opinions-on-digital-trade.zh.txt`
 * beside this file) into its sections and numbered measures, each with the responsible agencies in
 * the order the text lists them. Pure: the caller reads the file. The seed data
 * (`measures.zh-en.json`) is checked against what this returns, so the two cannot drift apart.
 */

export type ParsedMeasure = {
  number: number;
  section: number;
  /** The measure's heading: for (一)–(三) the whole line, for the others the words up to the first 。 */
  titleZh: string;
  /** The measure's text without its heading and without the responsibility clause. */
  textZh: string;
  /** Agency names as the text writes them; the first is the lead (第一位为牵头单位). */
  agencies: string[];
};

export type ParsedPolicy = {
  title: string;
  sections: { number: number; headingZh: string }[];
  measures: ParsedMeasure[];
};

const DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * A number as the policy writes it: Chinese numerals up to 99 (十, 十四, 二十四) or, where the
 * published text slipped (（2）, 4、), Arabic digits.
 */
export const policyNumber = (written: string): number | undefined => {
  if (/^\d+$/.test(written)) {
    return Number(written);
  }
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(written);
  if (match === null || written === '') {
    return undefined;
  }
  const [, tensDigit, ten, units] = match;
  if (ten === undefined) {
    return tensDigit !== undefined && units === undefined ? DIGITS[tensDigit] : undefined;
  }
  return (
    (tensDigit === undefined ? 1 : (DIGITS[tensDigit] ?? 0)) * 10 +
    (units === undefined ? 0 : (DIGITS[units] ?? 0))
  );
};

const SECTION = /^([一二三四五六七八九十]+|\d+)、\s*(.+)$/;
const MEASURE = /^（([一二三四五六七八九十]+|\d+)）\s*(.*)$/;
const CLAUSE_START = '（责任单位：';
// The first clause says once for all that the first agency leads; it is not an agency.
const LEAD_NOTE = /，第一位为牵头单位，下同$/;

/** The responsibility clause's content and the text without it; parentheses inside it nest. */
const splitClause = (body: string): { text: string; clause: string | undefined } => {
  const start = body.indexOf(CLAUSE_START);
  if (start < 0) {
    return { text: body, clause: undefined };
  }
  let depth = 0;
  for (let i = start; i < body.length; i += 1) {
    const char = body[i];
    if (char === '（') {
      depth += 1;
    } else if (char === '）') {
      depth -= 1;
      if (depth === 0) {
        const rest = body.slice(i + 1).replace(/（）/g, '');
        return {
          text: (body.slice(0, start) + rest).trim(),
          clause: body.slice(start + CLAUSE_START.length, i),
        };
      }
    }
  }
  throw new Error(`unclosed responsibility clause: ${body.slice(start, start + 40)}`);
};

/** Parses the policy text; throws on a line it cannot place, so a changed source is noticed. */
export const parsePolicyText = (source: string): ParsedPolicy => {
  const lines = source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const title = lines[0] ?? '';
  const sections: ParsedPolicy['sections'] = [];
  const measures: (ParsedMeasure & { body: string[] })[] = [];
  for (const line of lines.slice(1)) {
    const section = SECTION.exec(line);
    if (section !== null) {
      const number = policyNumber(section[1] ?? '');
      if (number === undefined) {
        throw new Error(`section number not understood: ${line}`);
      }
      sections.push({ number, headingZh: (section[2] ?? '').trim() });
      continue;
    }
    const measure = MEASURE.exec(line);
    if (measure !== null) {
      const number = policyNumber(measure[1] ?? '');
      const current = sections.at(-1);
      if (number === undefined || current === undefined) {
        throw new Error(`measure outside a section or with an unknown number: ${line}`);
      }
      const rest = (measure[2] ?? '').trim();
      const stop = rest.indexOf('。');
      // (一)–(三) have a heading line of their own; the others start with their title sentence.
      const [titleZh, first] = stop < 0 ? [rest, ''] : [rest.slice(0, stop), rest.slice(stop + 1)];
      measures.push({
        number,
        section: current.number,
        titleZh,
        textZh: '',
        agencies: [],
        body: first === '' ? [] : [first],
      });
      continue;
    }
    const open = measures.at(-1);
    if (open === undefined) {
      // The preamble between the title and the first section.
      continue;
    }
    open.body.push(line);
  }
  return {
    title,
    sections,
    measures: measures.map(({ body, ...measure }) => {
      const { text, clause } = splitClause(body.join('\n'));
      return {
        ...measure,
        textZh: text,
        agencies:
          clause === undefined
            ? []
            : clause
                .replace(LEAD_NOTE, '')
                .split('、')
                .map((name) => name.trim()),
      };
    }),
  };
};
