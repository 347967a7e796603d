import type { TableColumn } from '@backstage/core-components';

/*
 * Backstage's theme lets table cells break words anywhere (`word-break:
 * break-word`) and gives every column an equal share of the width, so columns
 * are squeezed below their longest word and headers are cut. A table laid out
 * with these two helpers keeps words whole: `oneLine` columns (names, states,
 * counts) never wrap and take only the width they need; `wholeWords` columns
 * (descriptions, messages) share the rest and wrap between words. A table too
 * wide for its page scrolls sideways.
 */

const keepWords = { wordBreak: 'normal', overflowWrap: 'normal' } as const;

/**
 * A column whose text wraps between words only, sharing the width that the
 * {@link oneLine} columns leave.
 *
 * @public
 */
export function wholeWords<T extends object>(
  column: TableColumn<T>,
): TableColumn<T> {
  return {
    ...column,
    width: 'auto',
    headerStyle: { ...keepWords, ...column.headerStyle },
    cellStyle: { ...keepWords, ...(column.cellStyle as object) },
  };
}

/**
 * A column of short values that never wrap and take only the width they need.
 *
 * @public
 */
export function oneLine<T extends object>(
  column: TableColumn<T>,
): TableColumn<T> {
  return {
    ...column,
    width: '1%',
    headerStyle: { ...keepWords, ...column.headerStyle },
    cellStyle: {
      ...keepWords,
      whiteSpace: 'nowrap',
      ...(column.cellStyle as object),
    },
  };
}
