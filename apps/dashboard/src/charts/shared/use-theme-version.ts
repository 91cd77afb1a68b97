import { useEffect, useState } from 'preact/hooks';

/**
 * A number that changes when the page's theme may have: a class, style or
 * data-theme attribute of <html> or <body> changed, or the system switched
 * between light and dark. Charts read their colours at draw time and redraw
 * on it. One observer serves every chart on the page.
 */
const listeners = new Set<() => void>();
let stop: (() => void) | undefined;

function notify(): void {
  for (const listener of listeners) listener();
}

function watch(): () => void {
  const observer = new MutationObserver(notify);
  const options = { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] };
  observer.observe(document.documentElement, options);
  if (document.body) observer.observe(document.body, options);
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', notify);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', notify);
  };
}

export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    stop ??= watch();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        stop?.();
        stop = undefined;
      }
    };
  }, []);
  return version;
}
