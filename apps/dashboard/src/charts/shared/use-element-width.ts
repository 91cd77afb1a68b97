import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * The width of an element in CSS pixels, kept current by a ResizeObserver,
 * and the device pixel ratio, kept current when the window moves to a screen
 * of another density or the page is zoomed.
 */
export function useElementWidth(ref: RefObject<HTMLElement>): { width: number; pixelRatio: number } {
  const [width, setWidth] = useState(0);
  const [pixelRatio, setPixelRatio] = useState(() => globalThis.devicePixelRatio || 1);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.clientWidth));
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  useEffect(() => {
    // A resolution query matches only the current ratio: when it stops matching, the ratio changed.
    const media = matchMedia(`(resolution: ${pixelRatio}dppx)`);
    const update = () => setPixelRatio(globalThis.devicePixelRatio || 1);
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [pixelRatio]);
  return { width, pixelRatio };
}
