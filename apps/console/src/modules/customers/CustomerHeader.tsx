import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@rapport/contracts';
import { useMe } from '../../app/session';
import { PageHeading } from '../../components/PageHeading';
import { useNow } from '../../components/useNow';
import { formatDate, languageName, regionName } from '../../platform/format';
import { currentLocale } from '../../platform/i18n';
import { LocalClock } from './LocalClock';
import { RelativeTime } from './RelativeTime';

interface CustomerHeaderProps {
  customer: Customer;
  isEditing: boolean;
  editButtonRef: RefObject<HTMLButtonElement | null>;
  onEdit: () => void;
}

/** A moment of contact: how long ago ("3 days ago"), then the date; the exact time on hover. */
function ContactMoment({ iso, now, locale }: { iso: string; now: Date; locale: string }) {
  return (
    <>
      <RelativeTime iso={iso} now={now} />
      <span className="summary__note">{formatDate(iso, locale)}</span>
    </>
  );
}

/** The profile's head: the name in the customer's order, how to address them, their clock, language and place. */
export function CustomerHeader({ customer, isEditing, editButtonRef, onEdit }: CustomerHeaderProps) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const now = useNow(60_000);
  const consent = customer.consent.marketingEmail;
  return (
    <div className="panel profile-header">
      <div className="profile-header__top">
        <div className="profile-header__identity">
          <PageHeading
            title={customer.displayName || customer.company || t('customers.unnamed')}
            eyebrow={t('customers.profile.eyebrow')}
          />
          <p className="profile-header__meta">
            <span className={`badge badge--formality-${customer.formality}`}>
              {t(`customers.formalityBadge.${customer.formality}`)}
            </span>
            {customer.title && (
              <span>
                {t('customers.profile.title')}: <strong>{customer.title}</strong>
              </span>
            )}
            {customer.company && customer.displayName && <span>{customer.company}</span>}
          </p>
          {!isEditing && (
            <button type="button" ref={editButtonRef} className="button button--small" onClick={onEdit}>
              {t('customers.profile.edit')}
            </button>
          )}
        </div>
        <LocalClock customer={customer} agentTimeZone={me.user.timeZone} now={now} />
      </div>
      <dl className="summary summary--inline profile-header__facts">
        <div>
          <dt>{t('customers.profile.language')}</dt>
          <dd>
            {customer.language ? languageName(customer.language, locale) : <span className="muted">{t('common.notSet')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('customers.profile.country')}</dt>
          <dd>{customer.country ? regionName(customer.country, locale) : <span className="muted">{t('common.notSet')}</span>}</dd>
        </div>
        <div>
          <dt>{t('customers.profile.tags')}</dt>
          <dd>
            {customer.tags.length > 0 ? (
              <ul className="tag-list">
                {customer.tags.map((tag) => (
                  <li key={tag} className="tag">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">{t('customers.profile.noTags')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('customers.profile.marketingEmails')}</dt>
          <dd>
            {consent === null ? (
              <span className="muted">{t('customers.form.consentUnknown')}</span>
            ) : (
              t(consent ? 'customers.profile.consentGiven' : 'customers.profile.consentRefused')
            )}
            {customer.consent.source && <span className="summary__note">{customer.consent.source}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('customers.profile.since')}</dt>
          <dd>
            <time dateTime={customer.createdAt}>{formatDate(customer.createdAt, locale)}</time>
          </dd>
        </div>
        {customer.firstSeenAt && (
          <div>
            <dt>{t('customers.profile.firstSeen')}</dt>
            <dd>
              <ContactMoment iso={customer.firstSeenAt} now={now} locale={locale} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('customers.profile.lastContacted')}</dt>
          <dd>
            {customer.lastContactedAt ? (
              <ContactMoment iso={customer.lastContactedAt} now={now} locale={locale} />
            ) : (
              <span className="muted">{t('customers.profile.neverContacted')}</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
