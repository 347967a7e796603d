import type { Page } from '@playwright/test';

/**
 * Layout problems of the tables inside the elements matching `selector`:
 * a table wider than its card (when it sits in a horizontal scroll container),
 * a cut header, and a word broken mid-word in a cell. A line may only break
 * after a space, a hyphen, a slash, a dot, a colon, an underscore or an
 * opening parenthesis, or between two text nodes (`<wbr>`), which is how the
 * portal's tables are meant to wrap.
 */
export async function tableLayoutProblems(
  page: Page,
  selector: string,
): Promise<string[]> {
  return page.evaluate(rootSelector => {
    const problems: string[] = [];
    const tables = [...document.querySelectorAll(rootSelector)].flatMap(
      root => [...root.querySelectorAll('table')],
    );
    tables.forEach(table => {
      const scroller = table.parentElement?.closest(
        '[class*="horizontalScrollContainer"]',
      );
      if (scroller && scroller.scrollWidth > scroller.clientWidth + 1)
        problems.push(
          `table wider than its card by ${
            scroller.scrollWidth - scroller.clientWidth
          } px`,
        );
      table.querySelectorAll('thead th').forEach(th => {
        if (th.scrollWidth > th.clientWidth + 1)
          problems.push(`header cut: ${th.textContent}`);
      });
      table.querySelectorAll('tbody td').forEach(td => {
        const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node as Text).data;
          const range = document.createRange();
          let lastTop: number | undefined;
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            const top = Math.round(rect.top);
            if (
              lastTop !== undefined &&
              top > lastTop + 2 &&
              !/[\s\-/.:_(]/.test(text[i - 1]) &&
              !/\s/.test(text[i])
            ) {
              problems.push(
                `broken mid-word: ${text.slice(0, i)}|${text.slice(i)}`,
              );
            }
            lastTop = top;
          }
        }
      });
    });
    return problems;
  }, selector);
}
