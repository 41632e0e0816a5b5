import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Which rows of a list of equal-height rows are in view in its scroller, with `overscan` rows either side.
 * The rows in view follow from the scroll position alone, so a longer or shorter list costs nothing: the
 * queue may hold a million rows and changes with every batch.
 */
export interface RowWindow {
  /** First row to render. */
  readonly first: number;
  /** One past the last row to render. */
  readonly end: number;
  /** Block size of all the rows, px. */
  readonly totalSize: number;
  /** Scrolls just enough to bring the row into view. */
  scrollToIndex(index: number): void;
}

export function useRowWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number): RowWindow {
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const read = () =>
      setView((shown) => (shown.top === element.scrollTop && shown.height === element.clientHeight ? shown : { top: element.scrollTop, height: element.clientHeight }));
    read();
    element.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [scroller]);
  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scroller.current;
      if (element === null) return;
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    },
    [scroller, rowHeight],
  );
  return {
    first: Math.max(0, Math.floor(view.top / rowHeight) - overscan),
    end: Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan),
    totalSize: count * rowHeight,
    scrollToIndex,
  };
}
