import { Fragment } from 'react';

/**
 * Host names, object paths, field paths and constants
 * (`east-1/bookinfo/reviews`, `reviews.bookinfo.svc.cluster.local`,
 * `spec.http[0].route[0]`, `BLOCKED_CIDRS_IN_JWKS_URIS`) split into the pieces
 * a line may break after: browsers break after spaces and hyphens but not
 * after `/`, `.`, `:` or `_`, and would otherwise cut such a value mid-word in
 * a narrow table cell.
 */
export function breakableParts(text: string): string[] {
  return text.split(/(?<=[/.:_])(?=[^\s/.:_])/);
}

/**
 * Text that may wrap after each `/`, `.`, `:` and `_` (a `<wbr>` there, between
 * the pieces of `breakableParts`), so copying it still gives the plain text.
 *
 * @public
 */
export function BreakableText(props: { text: string }) {
  return (
    <>
      {breakableParts(props.text).map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
