import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's one h1, which also names the browser tab. */
export function PageHeading({ title, eyebrow, children }: { title: string; eyebrow?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-heading">
      {eyebrow && <p className="page-heading__eyebrow">{eyebrow}</p>}
      <h1 className="page-heading__title">{title}</h1>
      {children && <div className="page-heading__intro">{children}</div>}
    </div>
  );
}
