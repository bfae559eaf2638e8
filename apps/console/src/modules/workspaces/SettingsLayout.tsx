import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canAdminister, useMe } from '../../app/session';
import { PageOutlet } from '../../components/PageOutlet';

/** Settings: a sub-navigation beside the chosen section. Agents see only their profile and the saved replies. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const sections = [
    { to: 'profile', label: t('settings.profile'), isAdminOnly: false },
    { to: 'workspace', label: t('settings.workspace'), isAdminOnly: true },
    { to: 'agents', label: t('settings.agents'), isAdminOnly: true },
    { to: 'invites', label: t('settings.invites'), isAdminOnly: true },
    { to: 'channels', label: t('settings.channels'), isAdminOnly: true },
    { to: 'teams', label: t('settings.teams'), isAdminOnly: true },
    { to: 'sla', label: t('settings.sla'), isAdminOnly: true },
    { to: 'business-hours', label: t('settings.businessHours'), isAdminOnly: true },
    { to: 'customer-attributes', label: t('settings.customerAttributes'), isAdminOnly: true },
    { to: 'saved-replies', label: t('settings.savedReplies'), isAdminOnly: false },
    { to: 'api-tokens', label: t('settings.apiTokens'), isAdminOnly: true },
    { to: 'audit-log', label: t('settings.auditLog'), isAdminOnly: true },
  ].filter((section) => !section.isAdminOnly || canAdminister(me));
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={t('settings.navigation')}>
        <ul>
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={`/settings/${section.to}`} className="settings-nav__link">
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-content">
        <PageOutlet />
      </div>
    </div>
  );
}
