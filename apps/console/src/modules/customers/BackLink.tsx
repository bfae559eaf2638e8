import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/** What the list hands to the pages it opens, so "back" returns to the same search. */
export interface FromListState {
  listSearch?: string;
}

function listSearchOf(state: unknown): string {
  const search = (state as FromListState | null)?.listSearch;
  return typeof search === 'string' && search.startsWith('?') ? search : '';
}

/** "← Customers" above a customer page's heading, back to the search the person came from. */
export function BackLink() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <p className="back-link">
      <Link to={`/customers${listSearchOf(location.state)}`}>
        <span aria-hidden="true">← </span>
        {t('customers.backToList')}
      </Link>
    </p>
  );
}
