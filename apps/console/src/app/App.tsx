import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeading } from '../components/PageHeading';
import { SetupPage } from '../modules/auth/SetupPage';
import { SignInPage } from '../modules/auth/SignInPage';
import { InviteAcceptPage } from '../modules/auth/InviteAcceptPage';
import { InboxPage } from '../modules/conversations/InboxPage';
import { CustomersPage } from '../modules/customers/CustomersPage';
import { NewCustomerPage } from '../modules/customers/NewCustomerPage';
import { CustomerProfilePage } from '../modules/customers/CustomerProfilePage';
import { DuplicatesPage } from '../modules/customers/duplicates/DuplicatesPage';
import { ImportDetailPage } from '../modules/customers/import/ImportDetailPage';
import { ImportPage } from '../modules/customers/import/ImportPage';
import { ReportsPage } from '../modules/metrics/ReportsPage';
import { SettingsLayout } from '../modules/workspaces/SettingsLayout';
import { ProfileSettingsPage } from '../modules/profile/ProfileSettingsPage';
import { WorkspaceSettingsPage } from '../modules/workspaces/WorkspaceSettingsPage';
import { AgentsPage } from '../modules/workspaces/AgentsPage';
import { InvitesPage } from '../modules/workspaces/InvitesPage';
import { ApiTokensPage } from '../modules/workspaces/ApiTokensPage';
import { AuditLogPage } from '../modules/workspaces/AuditLogPage';
import { AppShell } from './AppShell';
import { PublicLayout } from './PublicLayout';
import { canAdminister, useSession } from './session';

function FullPageStatus() {
  const { t } = useTranslation();
  const { state, reload } = useSession();
  return (
    <main id="main" className="public-main">
      <div className="card card--narrow">
        {state.status === 'unreachable' ? (
          <>
            <PageHeading title={t('app.unreachableTitle')} />
            <p>{t('app.unreachableBody')}</p>
            <ErrorMessage error={state.error} />
            <button type="button" className="button button--primary" onClick={() => void reload()}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <Loading />
        )}
      </div>
    </main>
  );
}

/** Lets signed-in people through; sends everyone else to sign-in, remembering where they were going. */
function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading' || state.status === 'unreachable') return <FullPageStatus />;
  if (state.status === 'signed-out') {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname, expired: state.reason === 'expired' }} />;
  }
  return <Outlet />;
}

/** Owner and admin pages; agents are sent to their profile (the server refuses them anyway). */
function RequireAdmin() {
  const { state } = useSession();
  if (state.status === 'signed-in' && !canAdminister(state.me)) return <Navigate to="/settings/profile" replace />;
  return <Outlet />;
}

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('app.notFoundTitle')} />
      <p>{t('app.notFoundBody')}</p>
    </>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/invite" element={<InviteAcceptPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/inbox" replace />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/customers/new" element={<NewCustomerPage />} />
          <Route path="/customers/import" element={<ImportPage />} />
          <Route path="/customers/import/:importId" element={<ImportDetailPage />} />
          <Route path="/customers/duplicates" element={<DuplicatesPage />} />
          <Route path="/customers/:customerId" element={<CustomerProfilePage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="/settings/profile" replace />} />
            <Route path="profile" element={<ProfileSettingsPage />} />
            <Route element={<RequireAdmin />}>
              <Route path="workspace" element={<WorkspaceSettingsPage />} />
              <Route path="agents" element={<AgentsPage />} />
              <Route path="invites" element={<InvitesPage />} />
              <Route path="api-tokens" element={<ApiTokensPage />} />
              <Route path="audit-log" element={<AuditLogPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
