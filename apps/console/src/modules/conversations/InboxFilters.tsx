import { useTranslation } from 'react-i18next';
import type { Channel } from '@rapport/contracts';
import { Field } from '../../components/Field';
import { currentLocale } from '../../platform/i18n';
import { CustomerLanguageSelect } from '../customers/customer-selects';
import { inboxStatuses, type InboxQuery } from './inbox-query';
import { statusKey } from './labels';

interface InboxFiltersProps {
  query: InboxQuery;
  channels: Channel[];
  onChange: (query: InboxQuery) => void;
}

/** Status (open by default), channel and language above the inbox list; a change applies at once. */
export function InboxFilters({ query, channels, onChange }: InboxFiltersProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div className="inbox-filters" role="group" aria-label={t('inbox.filters.label')}>
      <Field label={t('inbox.filters.status')}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={query.status}
            onChange={(event) => {
              const status = inboxStatuses.find((item) => item === event.target.value);
              if (status) onChange({ ...query, status });
            }}
          >
            {inboxStatuses.map((status) => (
              <option key={status} value={status}>
                {t(statusKey(status))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('inbox.filters.channel')}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={query.channelId}
            onChange={(event) => onChange({ ...query, channelId: event.target.value })}
          >
            <option value="">{t('inbox.filters.allChannels')}</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.address ? `${channel.name} (${channel.address})` : channel.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('inbox.filters.language')}>
        {(control) => (
          <CustomerLanguageSelect
            {...control}
            locale={locale}
            value={query.language}
            emptyLabel={t('inbox.filters.allLanguages')}
            onChange={(language) => onChange({ ...query, language })}
          />
        )}
      </Field>
    </div>
  );
}
