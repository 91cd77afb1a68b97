import { useEffect, useState } from 'preact/hooks';

/** The dashboard's pages, addressed by the URL's hash so that the coordinator serves one file for all of them. */
export type Route = { readonly page: 'studies' } | { readonly page: 'study'; readonly id: string };

/** The page a hash names: `#/studies/<id>` a study, anything else the studies list. */
export function routeOf(hash: string): Route {
  const study = /^#\/studies\/([^/?#]+)$/.exec(hash);
  return study ? { page: 'study', id: decodeURIComponent(study[1]) } : { page: 'studies' };
}

/** The hash of a route, for links. */
export function hrefOf(route: Route): string {
  return route.page === 'study' ? `#/studies/${encodeURIComponent(route.id)}` : '#/';
}

/** The current route, following the browser's back and forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
