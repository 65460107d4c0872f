import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

const BOTTOM_SLACK_PX = 48;

/** Keeps the target's end in view in the nearest scroller until the user scrolls up; resumes when they scroll back. */
export function useFollowScroll(
  target: RefObject<HTMLElement | null>,
  contentKey: unknown,
  active: boolean,
): void {
  const following = useRef(true);
  const scroller = useRef<HTMLElement | null>(null);
  const frame = useRef(0);
  const wasActive = useRef(active);
  const lastTop = useRef(0);

  useEffect(() => {
    const node = target.current;
    if (!node) return;
    const element = findScroller(node);
    scroller.current = element;
    const page = document.scrollingElement ?? document.documentElement;
    const events: HTMLElement | Window = element === page ? window : element;
    lastTop.current = element.scrollTop;

    const onScroll = () => {
      const top = element.scrollTop;
      // Growth never lowers scrollTop, so a lower value means the user moved up.
      if (overhang(element, node) <= BOTTOM_SLACK_PX) following.current = true;
      else if (top < lastTop.current - 1) following.current = false;
      lastTop.current = top;
    };
    const onWheel = (event: Event) => {
      if ((event as WheelEvent).deltaY < 0 && element.scrollTop > 0) following.current = false;
    };

    events.addEventListener('scroll', onScroll, { passive: true });
    events.addEventListener('wheel', onWheel, { passive: true });
    return () => {
      events.removeEventListener('scroll', onScroll);
      events.removeEventListener('wheel', onWheel);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [target]);

  useEffect(() => {
    // The render that ends streaming (the answer arriving) is still followed.
    const follow = active || wasActive.current;
    wasActive.current = active;
    if (!follow || !following.current || frame.current !== 0) return;
    // One read and one write per frame, after React has committed, so tokens never force extra layouts.
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const element = scroller.current;
      const node = target.current;
      if (!element || !node || !following.current) return;
      // The trace's own end, not the page's: history and other panels may follow it.
      const below = overhang(element, node);
      if (below <= 0) return;
      const top = element.scrollTop + below;
      // Instant, so a page-wide `scroll-behavior: smooth` cannot leave the view trailing the output.
      if (typeof element.scrollTo === 'function') element.scrollTo({ top, behavior: 'instant' });
      else element.scrollTop = top;
      lastTop.current = element.scrollTop;
    });
  }, [target, contentKey, active]);
}

/** How far the target's bottom lies below the scroller's visible bottom (negative when it is in view). */
function overhang(element: HTMLElement, node: HTMLElement): number {
  const page = element === (document.scrollingElement ?? document.documentElement);
  const visibleBottom = page
    ? element.clientHeight
    : element.getBoundingClientRect().top + element.clientHeight;
  return node.getBoundingClientRect().bottom - visibleBottom;
}

function findScroller(node: HTMLElement): HTMLElement {
  for (let element: HTMLElement | null = node; element; element = element.parentElement) {
    const { overflowY } = getComputedStyle(element);
    if (overflowY === 'auto' || overflowY === 'scroll' || overflowY === 'overlay') return element;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}
