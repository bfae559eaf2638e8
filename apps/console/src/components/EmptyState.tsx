import type { ReactNode } from 'react';

/** What a page will show once there is data, instead of fake examples. */
export function EmptyState({ title, children, icon }: { title: string; children: ReactNode; icon?: ReactNode }) {
  return (
    <section className="empty-state">
      {icon && (
        <div className="empty-state__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 className="empty-state__title">{title}</h2>
      <div className="empty-state__body">{children}</div>
    </section>
  );
}
