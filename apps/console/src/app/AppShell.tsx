import { useEffect, useId, useRef, useState } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@rapport/contracts';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { PageOutlet } from '../components/PageOutlet';
import { BrandMark, CustomersIcon, InboxIcon, ReportsIcon, SettingsIcon } from '../components/icons';
import { api } from '../platform/api-client';
import { describeError } from '../platform/error-messages';
import { useMe, useSession } from './session';

function WorkspaceSwitcher({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  if (me.workspaces.length < 2) {
    return (
      <p className="shell-header__workspace">
        <span className="visually-hidden">{t('shell.workspace')}: </span>
        {me.workspace.name}
      </p>
    );
  }
  async function switchTo(workspaceId: string) {
    setError(null);
    try {
      signedIn(await api.post<Me>('/sessions/current/workspace', { workspaceId }));
      void navigate('/inbox');
    } catch (failure) {
      setError(failure);
    }
  }
  const message = error ? describeError(error) : undefined;
  return (
    <div className="shell-header__workspace">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.workspace')}
      </label>
      <select
        id={id}
        className="select select--compact"
        value={me.workspace.id}
        onChange={(event) => void switchTo(event.target.value)}
      >
        {me.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      {message && <span role="alert">{t(message.key, message.values)}</span>}
    </div>
  );
}

/** The signed-in frame: header, main navigation and the page in <main>. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const isFirstRender = useRef(true);
  const [signOutError, setSignOutError] = useState<unknown>(null);

  // After in-app navigation, move focus to the new page as a screen reader user expects.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  async function handleSignOut() {
    setSignOutError(null);
    try {
      await signOut();
      void navigate('/sign-in', { replace: true });
    } catch (failure) {
      setSignOutError(failure);
    }
  }

  const navItems = [
    { to: '/conversations', label: t('nav.inbox'), icon: <InboxIcon /> },
    { to: '/customers', label: t('nav.customers'), icon: <CustomersIcon /> },
    { to: '/reports', label: t('nav.reports'), icon: <ReportsIcon /> },
    { to: '/settings', label: t('nav.settings'), icon: <SettingsIcon /> },
  ];
  const signOutMessage = signOutError ? describeError(signOutError) : undefined;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell-header">
        <NavLink to="/conversations" className="brand">
          <BrandMark />
          <span className="brand__name">{t('app.name')}</span>
        </NavLink>
        <WorkspaceSwitcher me={me} />
        <div className="shell-header__end">
          <LanguageSwitcher />
          <p className="shell-header__user" title={me.user.email}>
            <span className="visually-hidden">{t('shell.signedInAs')} </span>
            {me.user.name}
          </p>
          <button type="button" className="button button--quiet" onClick={() => void handleSignOut()}>
            {t('shell.signOut')}
          </button>
          {signOutMessage && <span role="alert">{t(signOutMessage.key, signOutMessage.values)}</span>}
        </div>
      </header>
      <div className="shell-body">
        <nav className="main-nav" aria-label={t('shell.mainNavigation')}>
          <ul>
            {navItems.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="main-nav__link">
                  {item.icon}
                  <span>{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="shell-main" tabIndex={-1} ref={mainRef}>
          <PageOutlet />
        </main>
      </div>
    </div>
  );
}
