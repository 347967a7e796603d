import { render } from '@testing-library/react';
import { BreakableText, breakableParts } from './BreakableText';

describe('breakableParts', () => {
  it('splits after slashes, dots, colons and underscores inside a value, not before a space', () => {
    expect(breakableParts('east-1/bookinfo/reviews-v1')).toEqual([
      'east-1/',
      'bookinfo/',
      'reviews-v1',
    ]);
    expect(breakableParts('reviews.bookinfo.svc:9080')).toEqual([
      'reviews.',
      'bookinfo.',
      'svc:',
      '9080',
    ]);
    expect(breakableParts('STRICT and rejects plaintext. Next')).toEqual([
      'STRICT and rejects plaintext. Next',
    ]);
    expect(breakableParts('BLOCKED_CIDRS_IN_JWKS_URIS')).toEqual([
      'BLOCKED_',
      'CIDRS_',
      'IN_',
      'JWKS_',
      'URIS',
    ]);
    expect(breakableParts('https://istio.io')).toEqual([
      'https://',
      'istio.',
      'io',
    ]);
  });
});

describe('BreakableText', () => {
  it('renders the text unchanged with a line break opportunity after each piece', () => {
    const { container } = render(
      <BreakableText text="spec.http[0].route[0].destination.host" />,
    );
    expect(container.textContent).toBe(
      'spec.http[0].route[0].destination.host',
    );
    expect(container.querySelectorAll('wbr')).toHaveLength(4);
  });
});
