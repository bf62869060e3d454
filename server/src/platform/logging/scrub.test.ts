import { describe, expect, it } from 'vitest';
import { scrubUrl } from './index.ts';

describe('scrubUrl', () => {
  it('masks invitation tokens in the path', () => {
    expect(scrubUrl('/api/invitations/abcdefghijklmnopqrstuvwxyz012345')).toBe('/api/invitations/[token]');
  });

  it('masks capability tokens in the query, wherever they stand', () => {
    expect(scrubUrl('/public/documents/doc_1/bundle?t=Zm9vYmFyYmF6cXV4')).toBe(
      '/public/documents/doc_1/bundle?t=[token]',
    );
    expect(scrubUrl('/verify?doc=doc_1&t=Zm9v-YmFy_&lang=en')).toBe('/verify?doc=doc_1&t=[token]&lang=en');
    expect(scrubUrl('/x?token=secret#frag')).toBe('/x?token=[token]#frag');
  });

  it('leaves other query parameters alone', () => {
    expect(scrubUrl('/log/proof/inclusion?index=3&size=10')).toBe('/log/proof/inclusion?index=3&size=10');
    expect(scrubUrl('/api/orgs/o/documents?type=CommercialInvoice&status=active')).toBe(
      '/api/orgs/o/documents?type=CommercialInvoice&status=active',
    );
  });
});
