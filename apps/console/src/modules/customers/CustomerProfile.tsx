import { useCallback, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Customer, TimelineEntry } from '@rapport/contracts';
import { StatusMessage } from '../../components/StatusMessage';
import { usePagedList } from '../../components/usePagedList';
import { AttributesSection } from './AttributesSection';
import { BackLink } from './BackLink';
import { CustomerHeader } from './CustomerHeader';
import { DuplicateNotice } from './duplicates/DuplicateNotice';
import { EditProfileForm } from './EditProfileForm';
import { FactsSection } from './FactsSection';
import { IdentitiesSection } from './IdentitiesSection';
import { NotesSection } from './NotesSection';
import { TimelineSection } from './TimelineSection';
import { PrivacySection } from './PrivacySection';
import { canAdminister, useMe } from '../../app/session';
import { LogCallLink } from '../calls/LogCallLink';

interface CustomerProfileProps {
  customer: Customer;
  onChange: (customer: Customer) => void;
}

/**
 * One customer: who they are and what time it is for them, what is worth
 * remembering, how to reach them, notes, custom attributes and the timeline.
 * Every change is followed by a fresh timeline.
 */
export function CustomerProfile({ customer, onChange }: CustomerProfileProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const isManager = canAdminister(useMe());
  const isJustCreated = (location.state as { created?: unknown } | null)?.created === true;
  const [isEditing, setEditing] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const timeline = usePagedList<TimelineEntry>(`/customers/${customer.id}/timeline?limit=20`);
  const reloadTimeline = timeline.reload;
  const changed = useCallback(
    (next: Customer) => {
      onChange(next);
      void reloadTimeline();
    },
    [onChange, reloadTimeline],
  );

  function closeEditor(saved: Customer | null) {
    setEditing(false);
    if (saved) {
      changed(saved);
      setSaved(true);
    }
    // Back to where the person started, now that the form is gone.
    window.setTimeout(() => editButton.current?.focus(), 0);
  }

  return (
    <>
      <BackLink />
      <CustomerHeader
        customer={customer}
        isEditing={isEditing}
        editButtonRef={editButton}
        onEdit={() => {
          setSaved(false);
          setEditing(true);
        }}
      />
      {isJustCreated && !isSaved && <StatusMessage>{t('customers.profile.created')}</StatusMessage>}
      {isSaved && <StatusMessage>{t('common.saved')}</StatusMessage>}
      {isEditing && <EditProfileForm customer={customer} onClose={closeEditor} />}
      <DuplicateNotice customer={customer} onMerged={changed} />
      <p className="profile-actions">
        <LogCallLink
          customerId={customer.id}
          phoneNumber={customer.identities.find((identity) => identity.kind === 'phone')?.value}
        />
      </p>
      <FactsSection customerId={customer.id} onChange={() => void reloadTimeline()} />
      <div className="profile-columns">
        <div className="profile-columns__main">
          <NotesSection customerId={customer.id} onChange={() => void reloadTimeline()} />
          <TimelineSection timeline={timeline} />
        </div>
        <div className="profile-columns__side">
          <IdentitiesSection customer={customer} onChange={changed} />
          <AttributesSection customer={customer} onChange={changed} />
          {isManager && <PrivacySection customer={customer} />}
        </div>
      </div>
    </>
  );
}
