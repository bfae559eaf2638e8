import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Team } from '@rapport/contracts';
import { sortByLabel } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { inboxQueryToParams, inboxViews, type InboxQuery } from './inbox-query';

function inboxHref(query: InboxQuery): string {
  const search = inboxQueryToParams(query).toString();
  return search ? `/conversations?${search}` : '/conversations';
}

/**
 * The inbox's views beside the list: Mine, Unassigned, All, then each team.
 * Each is a link that keeps the status, channel and language filters; the
 * current one is marked for assistive technology.
 */
export function InboxViewList({ query, teams }: { query: InboxQuery; teams: Team[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const sortedTeams = sortByLabel(
    teams.map((team) => ({ ...team, label: team.name })),
    locale,
  );
  const link = (target: InboxQuery, label: string, isCurrent: boolean) => (
    <Link to={inboxHref(target)} className="inbox-views__link" aria-current={isCurrent ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <nav className="inbox-views" aria-label={t('inbox.views.label')}>
      <ul>
        {inboxViews.map((view) => (
          <li key={view}>
            {link({ ...query, view, teamId: '' }, t(`inbox.views.${view}`), !query.teamId && query.view === view)}
          </li>
        ))}
      </ul>
      {sortedTeams.length > 0 && (
        <>
          <h2 className="inbox-views__heading" id="inbox-teams-heading">
            {t('inbox.views.teams')}
          </h2>
          <ul aria-labelledby="inbox-teams-heading">
            {sortedTeams.map((team) => (
              <li key={team.id}>{link({ ...query, view: 'all', teamId: team.id }, team.name, query.teamId === team.id)}</li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
