import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { PageOutlet } from '../components/PageOutlet';
import { BrandMark } from '../components/icons';

/** The frame of the pages shown before sign-in: setup, sign-in, invite. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="public">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="public-header">
        <span className="brand">
          <BrandMark />
          <span className="brand__name">{t('app.name')}</span>
        </span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-main" tabIndex={-1}>
        <div className="card card--narrow">
          <PageOutlet />
        </div>
      </main>
      <footer className="public-footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </div>
  );
}
