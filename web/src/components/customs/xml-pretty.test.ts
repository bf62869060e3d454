import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyXml } from './xml-pretty.ts';

describe('XML pretty-printer', () => {
  it('indents a one-line CEB message, leaf elements on one line', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB311Message guid="a" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:Order><ceb:OrderHead><ceb:orderNo>ORD-1</ceb:orderNo><ceb:buyerIdNumber>33**************1X</ceb:buyerIdNumber><ceb:note/></ceb:OrderHead></ceb:Order></ceb:CEB311Message>';
    expect(prettyXml(xml)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<ceb:CEB311Message guid="a" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">',
        '  <ceb:Order>',
        '    <ceb:OrderHead>',
        '      <ceb:orderNo>ORD-1</ceb:orderNo>',
        '      <ceb:buyerIdNumber>33**************1X</ceb:buyerIdNumber>',
        '      <ceb:note/>',
        '    </ceb:OrderHead>',
        '  </ceb:Order>',
        '</ceb:CEB311Message>',
      ].join('\n'),
    );
  });

  it('re-indents an already indented message the same way', () => {
    const messy = '<a>\n\t\t<b>1</b>\n   <c>\n<d>x y</d></c>\n</a>\n';
    const pretty = prettyXml(messy);
    expect(pretty).toBe('<a>\n  <b>1</b>\n  <c>\n    <d>x y</d>\n  </c>\n</a>');
    expect(prettyXml(pretty)).toBe(pretty);
  });

  it('keeps text, comments, CDATA and a ">" inside an attribute value untouched', () => {
    const xml = '<a note="x > y"><!-- keep --><b><![CDATA[<not a tag>]]></b><c> two  spaces </c></a>';
    expect(prettyXml(xml)).toBe(
      '<a note="x > y">\n  <!-- keep -->\n  <b><![CDATA[<not a tag>]]></b>\n  <c> two  spaces </c>\n</a>',
    );
  });

  it('returns malformed input as it came', () => {
    for (const bad of ['<a><b></a>', '<a>', '<a attr="unclosed>', 'x <!-- never closed', '</a>', '< >']) {
      expect(prettyXml(bad)).toBe(bad);
    }
  });

  // Random element trees: pretty-printing changes only whitespace between tags, and is stable.
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(:[a-z]{1,4})?$/);
  const textValue = fc
    .stringMatching(/^[a-z0-9 *.\u4e00-\u4e09]{1,12}$/)
    .filter((s) => s.trim() === s && s !== '');
  const attr = fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), fc.stringMatching(/^[a-z0-9 >]{0,6}$/));
  const tree = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(name, textValue).map(([n, t]) => `<${n}>${t}</${n}>`),
      fc
        .tuple(name, fc.array(attr, { maxLength: 2 }))
        .map(([n, attrs]) => `<${n}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}/>`),
      fc
        .tuple(name, fc.array(tie('node'), { minLength: 1, maxLength: 4 }))
        .map(([n, children]) => `<${n}>${children.join('')}</${n}>`),
    ),
  }));
  const withoutLayout = (xml: string) => xml.replace(/>\s+</g, '><').trim();

  it('only changes whitespace between tags, and pretty output is a fixed point', () => {
    fc.assert(
      fc.property(tree.node, (xml) => {
        const pretty = prettyXml(xml);
        expect(withoutLayout(pretty)).toBe(xml);
        expect(prettyXml(pretty)).toBe(pretty);
        // Every line is indented by whole levels of two spaces.
        for (const line of pretty.split('\n')) {
          expect((line.length - line.trimStart().length) % 2).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
