/**
 * core-components' Status* elements are hidden from assistive technology by
 * default (`aria-hidden`); Meshplane's labels carry meaning, so they are named
 * by their text and left visible to screen readers and browser tests.
 */
export function accessible(text: string) {
  return { 'aria-label': text, 'aria-hidden': false } as const;
}
