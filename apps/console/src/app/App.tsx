import { lazy, type ComponentType } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeading } from '../components/PageHeading';
import { SignInPage } from '../modules/auth/SignInPage';
import { AppShell } from './AppShell';
import { PublicLayout } from './PublicLayout';
import { canAdminister, useSession } from './session';

/**
 * A route page loaded on demand, so it ships in its own chunk and the first
 * load (sign-in) stays small; PageOutlet shows "Loading…" meanwhile.
 */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

const SetupPage = lazyPage(() => import('../modules/auth/SetupPage'), 'SetupPage');
const InviteAcceptPage = lazyPage(() => import('../modules/auth/InviteAcceptPage'), 'InviteAcceptPage');
const InboxPage = lazyPage(() => import('../modules/conversations/InboxPage'), 'InboxPage');
const ConversationPage = lazyPage(() => import('../modules/conversations/ConversationPage'), 'ConversationPage');
const CustomersPage = lazyPage(() => import('../modules/customers/CustomersPage'), 'CustomersPage');
const NewCustomerPage = lazyPage(() => import('../modules/customers/NewCustomerPage'), 'NewCustomerPage');
const CustomerProfilePage = lazyPage(() => import('../modules/customers/CustomerProfilePage'), 'CustomerProfilePage');
const DuplicatesPage = lazyPage(() => import('../modules/customers/duplicates/DuplicatesPage'), 'DuplicatesPage');
const ImportPage = lazyPage(() => import('../modules/customers/import/ImportPage'), 'ImportPage');
const ImportDetailPage = lazyPage(() => import('../modules/customers/import/ImportDetailPage'), 'ImportDetailPage');
const ReportsPage = lazyPage(() => import('../modules/metrics/ReportsPage'), 'ReportsPage');
const SettingsLayout = lazyPage(() => import('../modules/workspaces/SettingsLayout'), 'SettingsLayout');
const ProfileSettingsPage = lazyPage(() => import('../modules/profile/ProfileSettingsPage'), 'ProfileSettingsPage');
const WorkspaceSettingsPage = lazyPage(() => import('../modules/workspaces/WorkspaceSettingsPage'), 'WorkspaceSettingsPage');
const AgentsPage = lazyPage(() => import('../modules/workspaces/AgentsPage'), 'AgentsPage');
const InvitesPage = lazyPage(() => import('../modules/workspaces/InvitesPage'), 'InvitesPage');
const ApiTokensPage = lazyPage(() => import('../modules/workspaces/ApiTokensPage'), 'ApiTokensPage');
const AuditLogPage = lazyPage(() => import('../modules/workspaces/AuditLogPage'), 'AuditLogPage');
const ChannelsPage = lazyPage(() => import('../modules/helpdesk/ChannelsPage'), 'ChannelsPage');
const TeamsPage = lazyPage(() => import('../modules/helpdesk/TeamsPage'), 'TeamsPage');
const SlaPage = lazyPage(() => import('../modules/helpdesk/SlaPage'), 'SlaPage');
const BusinessHoursPage = lazyPage(() => import('../modules/helpdesk/BusinessHoursPage'), 'BusinessHoursPage');
const SavedRepliesPage = lazyPage(() => import('../modules/helpdesk/SavedRepliesPage'), 'SavedRepliesPage');
const AttributeDefinitionsPage = lazyPage(
  () => import('../modules/customers/attributes/AttributeDefinitionsPage'),
  'AttributeDefinitionsPage',
);
const CallPage = lazyPage(() => import('../modules/calls/CallPage'), 'CallPage');
const LogCallPage = lazyPage(() => import('../modules/calls/LogCallPage'), 'LogCallPage');

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

/** `/inbox`, the console's first address for the inbox (sign-in, setup and invites land there), now `/conversations`. */
function InboxRedirect() {
  const { search } = useLocation();
  return <Navigate to={`/conversations${search}`} replace />;
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
          <Route index element={<Navigate to="/conversations" replace />} />
          <Route path="/inbox" element={<InboxRedirect />} />
          <Route path="/conversations" element={<InboxPage />} />
          <Route path="/conversations/:conversationId" element={<ConversationPage />} />
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/customers/new" element={<NewCustomerPage />} />
          <Route path="/customers/import" element={<ImportPage />} />
          <Route path="/customers/import/:importId" element={<ImportDetailPage />} />
          <Route path="/customers/duplicates" element={<DuplicatesPage />} />
          <Route path="/customers/:customerId" element={<CustomerProfilePage />} />
          <Route path="/calls/new" element={<LogCallPage />} />
          <Route path="/calls/:callId" element={<CallPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="/settings/profile" replace />} />
            <Route path="profile" element={<ProfileSettingsPage />} />
            <Route path="saved-replies" element={<SavedRepliesPage />} />
            <Route element={<RequireAdmin />}>
              <Route path="workspace" element={<WorkspaceSettingsPage />} />
              <Route path="agents" element={<AgentsPage />} />
              <Route path="invites" element={<InvitesPage />} />
              <Route path="api-tokens" element={<ApiTokensPage />} />
              <Route path="audit-log" element={<AuditLogPage />} />
              <Route path="channels" element={<ChannelsPage />} />
              <Route path="teams" element={<TeamsPage />} />
              <Route path="sla" element={<SlaPage />} />
              <Route path="business-hours" element={<BusinessHoursPage />} />
              <Route path="customer-attributes" element={<AttributeDefinitionsPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
