import type { ReactNode } from 'react';

/** A polite confirmation ("Changes saved.") that screen readers announce. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert--success" role="status">
      {children}
    </p>
  );
}
