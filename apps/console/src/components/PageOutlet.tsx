import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { Loading } from './Loading';

/**
 * The routed page inside a layout. Pages are loaded on demand (see app/App.tsx),
 * so a "Loading…" line stands in while a page's code arrives; the layout around
 * it stays in place.
 */
export function PageOutlet() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}
