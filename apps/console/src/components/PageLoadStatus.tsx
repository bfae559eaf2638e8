import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';
import { PageHeading } from './PageHeading';

/** Where a page that shows one thing (a customer, an import) stands before it is ready. */
export type PageLoad = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; error: unknown };

/**
 * What such a page shows until its thing is ready: "Loading…", a not-found
 * heading with its explanation, or the error with a retry button.
 */
export function PageLoadStatus(props: {
  state: PageLoad;
  notFoundTitle: string;
  notFoundBody: string;
  loadFailedTitle: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const { state } = props;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'missing')
    return (
      <PageHeading title={props.notFoundTitle}>
        <p>{props.notFoundBody}</p>
      </PageHeading>
    );
  return (
    <>
      <PageHeading title={props.loadFailedTitle} />
      <ErrorMessage error={state.error} />
      <button type="button" className="button" onClick={props.onRetry}>
        {t('app.retry')}
      </button>
    </>
  );
}
