import { RefObject, useCallback, useEffect, useRef } from 'react';
import { fitView, ViewFit, ViewTransform } from './fitView';

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

const clampScale = (k: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));

/**
 * Pan (drag) and zoom (Ctrl/⌘ + wheel, pinch, buttons) for an SVG drawing.
 * The transform is written to the `<g>` element directly rather than through
 * React state, so a drag over a graph of hundreds of nodes does not re-render
 * them.
 */
export function usePanZoom(
  viewportRef: RefObject<SVGSVGElement>,
  drawingRef: RefObject<SVGGElement>,
) {
  const transform = useRef<ViewTransform>({ x: 0, y: 0, k: 1 });

  const apply = useCallback(
    (next: ViewTransform) => {
      transform.current = { ...next, k: clampScale(next.k) };
      const { x, y, k } = transform.current;
      drawingRef.current?.setAttribute(
        'transform',
        `translate(${x},${y}) scale(${k})`,
      );
    },
    [drawingRef],
  );

  /** Zooms by `factor` keeping the viewport point (px, py) fixed. */
  const zoomAt = useCallback(
    (factor: number, px: number, py: number) => {
      const { x, y, k } = transform.current;
      const nextK = clampScale(k * factor);
      const ratio = nextK / k;
      apply({ k: nextK, x: px - (px - x) * ratio, y: py - (py - y) * ratio });
    },
    [apply],
  );

  const zoomBy = useCallback(
    (factor: number) => {
      const rect = viewportRef.current?.getBoundingClientRect();
      zoomAt(factor, (rect?.width ?? 0) / 2, (rect?.height ?? 0) / 2);
    },
    [viewportRef, zoomAt],
  );

  /**
   * Applies {@link fitView} for the drawing in the viewport's current width
   * and returns the fit, whose `height` the caller gives the viewport.
   */
  const fit = useCallback(
    (
      drawing: { width: number; height: number },
      bounds: { minHeight: number; maxHeight: number },
    ): ViewFit => {
      const width = viewportRef.current?.getBoundingClientRect().width ?? 0;
      const view = fitView(drawing, { width, ...bounds });
      apply({ x: view.x, y: view.y, k: view.k });
      return view;
    },
    [apply, viewportRef],
  );

  /** Centres the viewport on a drawing point at 1:1 scale. */
  const centerOn = useCallback(
    (px: number, py: number) => {
      const rect = viewportRef.current?.getBoundingClientRect();
      const k = Math.max(transform.current.k, 1);
      apply({
        k,
        x: (rect?.width ?? 0) / 2 - px * k,
        y: (rect?.height ?? 0) / 2 - py * k,
      });
    },
    [apply, viewportRef],
  );

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return undefined;
    // The wheel scrolls the page, as over any other part of it; with Ctrl or ⌘
    // (and a touchpad pinch, which browsers report as Ctrl + wheel) it zooms.
    // Zooming needs a non-passive listener to keep the page from scrolling.
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const rect = viewport.getBoundingClientRect();
      zoomAt(
        Math.exp(-event.deltaY * 0.002),
        event.clientX - rect.left,
        event.clientY - rect.top,
      );
    };
    let drag:
      | { startX: number; startY: number; x: number; y: number }
      | undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      drag = {
        startX: event.clientX,
        startY: event.clientY,
        ...transform.current,
      };
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!drag) return;
      const dx = event.clientX - drag.startX;
      const dy = event.clientY - drag.startY;
      if (Math.abs(dx) + Math.abs(dy) > 3) {
        viewport.style.cursor = 'grabbing';
        apply({ k: transform.current.k, x: drag.x + dx, y: drag.y + dy });
      }
    };
    const onPointerUp = () => {
      drag = undefined;
      viewport.style.cursor = '';
    };
    viewport.addEventListener('wheel', onWheel, { passive: false });
    viewport.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('pointermove', onPointerMove);
    window.addEventListener('pointerup', onPointerUp);
    return () => {
      viewport.removeEventListener('wheel', onWheel);
      viewport.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointermove', onPointerMove);
      window.removeEventListener('pointerup', onPointerUp);
    };
  }, [apply, viewportRef, zoomAt]);

  return { zoomBy, fit, centerOn };
}
