import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '@rapport/contracts';
import { useMe } from '../../../app/session';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { StatusMessage } from '../../../components/StatusMessage';
import { currentLocale } from '../../../platform/i18n';
import { isCustomized, type CustomerFilters } from '../list-query';
import { CustomerViewDialog, type CustomerViewValues } from './CustomerViewDialog';
import { matchesView, sortViews, viewFiltersOf, viewSearch } from './customer-views';
import { useCustomerViews } from './useCustomerViews';

interface CustomerViewBarProps {
  /** The filters the list applies now. */
  filters: CustomerFilters;
  /** The view named in the address (`?view=`), if any. */
  viewId: string | null;
  /** Shows a view (or, with null, the filters without one) by changing the address. */
  onOpen: (view: CustomerView | null) => void;
}

type Dialog = 'save' | 'edit' | 'delete' | null;

/**
 * Saved views above the customer list: "All customers" and each view as a
 * link (the current one marked with aria-current), and the buttons that save
 * the current filters as a view, update, rename, share or delete it.
 */
export function CustomerViewBar({ filters, viewId, onOpen }: CustomerViewBarProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { state, create, update, remove } = useCustomerViews(me.workspace.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  // A confirmation belongs to the view it was about, and goes when another one is opened.
  const [notice, setNotice] = useState<{ text: string; viewId: string | null } | null>(null);
  const [updateError, setUpdateError] = useState<unknown>(null);

  const views = state.status === 'ready' ? sortViews(state.views, currentLocale()) : [];
  const active = views.find((view) => view.id === viewId) ?? null;
  const isAllCurrent = !active && !isCustomized(filters);
  const isModified = active !== null && !matchesView(filters, active);

  async function saveNew(values: CustomerViewValues) {
    const view = await create({ ...values, filters: viewFiltersOf(filters) });
    setNotice({ text: t('customers.views.saved', { name: view.name }), viewId: view.id });
    onOpen(view);
  }

  async function saveChanges(view: CustomerView) {
    setNotice(null);
    setUpdateError(null);
    try {
      await update(view.id, { filters: viewFiltersOf(filters) });
      setNotice({ text: t('customers.views.updated', { name: view.name }), viewId: view.id });
    } catch (error) {
      setUpdateError(error);
    }
  }

  async function edit(view: CustomerView, values: CustomerViewValues) {
    const changed = await update(view.id, values);
    setNotice({ text: t('customers.views.updated', { name: changed.name }), viewId: view.id });
  }

  async function deleteView(view: CustomerView) {
    await remove(view.id);
    setNotice({ text: t('customers.views.deleted', { name: view.name }), viewId: null });
    onOpen(null);
  }

  return (
    <div className="view-bar">
      <nav className="view-tabs" aria-label={t('customers.views.navigation')}>
        <ul>
          <li>
            <Link to="/customers" className="view-tabs__link" aria-current={isAllCurrent ? 'page' : undefined}>
              {t('customers.views.all')}
            </Link>
          </li>
          {views.map((view) => (
            <li key={view.id}>
              <Link
                to={{ pathname: '/customers', search: viewSearch(view) }}
                className="view-tabs__link"
                aria-current={view.id === active?.id ? 'page' : undefined}
              >
                {view.name}
                {view.visibility === 'shared' && (
                  <span className="badge badge--muted view-tabs__badge">{t('customers.views.sharedBadge')}</span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' && <ErrorMessage error={state.error} />}
      <div className="view-bar__row">
        <p className="view-bar__about muted">
          {active &&
            (isModified
              ? t('customers.views.modified')
              : active.visibility === 'personal'
                ? t('customers.views.aboutPersonal')
                : active.ownerId === me.user.id
                  ? t('customers.views.aboutSharedByYou')
                  : t('customers.views.aboutShared', { name: active.ownerName }))}
        </p>
        <div className="view-bar__actions">
          {active && isModified && active.canEdit && (
            <button type="button" className="button button--small" onClick={() => void saveChanges(active)}>
              {t('customers.views.saveChanges')}
            </button>
          )}
          {state.status === 'ready' && isCustomized(filters) && (!active || isModified) && (
            <button type="button" className="button button--small" onClick={() => setDialog('save')}>
              {active ? t('customers.views.saveAsNew') : t('customers.views.save')}
            </button>
          )}
          {active?.canEdit && (
            <>
              <button type="button" className="button button--small" onClick={() => setDialog('edit')}>
                {t('customers.views.edit')}
              </button>
              <button type="button" className="button button--small button--quiet" onClick={() => setDialog('delete')}>
                {t('customers.views.delete')}
              </button>
            </>
          )}
        </div>
      </div>
      <ErrorMessage error={updateError} />
      {notice && notice.viewId === viewId && <StatusMessage>{notice.text}</StatusMessage>}
      {dialog === 'save' && (
        <CustomerViewDialog
          title={t('customers.views.saveTitle')}
          submitLabel={t('customers.views.save')}
          initial={{ name: '', visibility: 'personal' }}
          onSubmit={saveNew}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'edit' && active && (
        <CustomerViewDialog
          title={t('customers.views.editTitle')}
          submitLabel={t('common.save')}
          initial={{ name: active.name, visibility: active.visibility }}
          onSubmit={(values) => edit(active, values)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'delete' && active && (
        <ConfirmDialog
          title={t('customers.views.deleteTitle', { name: active.name })}
          body={active.visibility === 'shared' ? t('customers.views.deleteBodyShared') : t('customers.views.deleteBody')}
          confirmLabel={t('customers.views.delete')}
          onConfirm={() => deleteView(active)}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
