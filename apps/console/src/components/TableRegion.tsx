import type { ReactNode } from 'react';

/**
 * A table's horizontal scroll area. Named and focusable, so keyboard users
 * can scroll it on narrow screens (WCAG 2.1.1).
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
