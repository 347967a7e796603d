import { LABEL_FONT_SIZE } from './layoutTopology';

/** Labels are never drawn smaller than this on screen by a fit (px). */
export const MIN_LABEL_PX = 12;
/** The smallest scale a fit chooses: names at {@link MIN_LABEL_PX} on screen. */
export const READABLE_SCALE = MIN_LABEL_PX / LABEL_FONT_SIZE;
/** The largest scale a fit chooses: a small graph is not blown up past body text. */
export const MAX_FIT_SCALE = 1;

/** Space kept free around the drawing (px). */
export const VIEW_MARGIN = 12;
/** Space kept free on the right for the zoom buttons (px). */
export const CONTROLS_GUTTER = 44;

/** Scale and translation of the drawing inside the viewport. */
export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

/** How a drawing fits a viewport: its transform and the viewport height to use. */
export interface ViewFit extends ViewTransform {
  /** Height of the viewport (px), between the given bounds. */
  height: number;
  /** Whether the whole drawing is visible (false: part of it is reached by panning). */
  complete: boolean;
}

/**
 * Fits a drawing (`width` × `height` in drawing units) to the width of a
 * viewport `viewportWidth` px wide, whose height follows the drawing between
 * `minHeight` and `maxHeight` px (the page scrolls, not the graph): the scale
 * that fits the drawing's width, at most {@link MAX_FIT_SCALE} (a small graph
 * is centred at body text size, in a viewport just its height). A drawing that
 * would need a scale below {@link READABLE_SCALE} (names under
 * {@link MIN_LABEL_PX} px) is shown at that scale from its left edge instead,
 * the rest reached by panning: a large graph opens readable rather than whole.
 *
 * An unmeasured viewport (width 0: not laid out yet, or jsdom) gets scale 1
 * and counts as complete, since nothing is known to be out of view.
 */
export function fitView(
  drawing: { width: number; height: number },
  viewport: { width: number; minHeight: number; maxHeight: number },
): ViewFit {
  const { minHeight, maxHeight } = viewport;
  const clampHeight = (h: number) =>
    Math.min(maxHeight, Math.max(minHeight, h));
  const availableWidth = viewport.width - VIEW_MARGIN - CONTROLS_GUTTER;
  if (availableWidth <= 0 || drawing.width <= 0 || drawing.height <= 0) {
    return {
      k: 1,
      x: VIEW_MARGIN,
      y: VIEW_MARGIN,
      height: clampHeight(drawing.height + 2 * VIEW_MARGIN),
      complete: true,
    };
  }
  const k = Math.max(
    READABLE_SCALE,
    Math.min(MAX_FIT_SCALE, availableWidth / drawing.width),
  );
  const width = drawing.width * k;
  const drawnHeight = drawing.height * k;
  const height = clampHeight(drawnHeight + 2 * VIEW_MARGIN);
  const fitsWidth = width <= availableWidth + 0.5;
  const fitsHeight = drawnHeight <= height - 2 * VIEW_MARGIN + 0.5;
  return {
    k,
    x: fitsWidth ? VIEW_MARGIN + (availableWidth - width) / 2 : VIEW_MARGIN,
    y: fitsHeight ? (height - drawnHeight) / 2 : VIEW_MARGIN,
    height,
    complete: fitsWidth && fitsHeight,
  };
}
