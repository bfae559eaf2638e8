import { useCallback, useEffect, useState } from 'react';
import type { CreateCustomerViewInput, CustomerView, UpdateCustomerViewInput } from '@rapport/contracts';
import { api } from '../../../platform/api-client';

export type CustomerViewsState =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; views: CustomerView[] };

/**
 * The saved views of the customer list the person sees (in the active
 * workspace), and the changes they can make to them. Each change throws the
 * request's error for the form that made it.
 */
export function useCustomerViews(workspaceId: string) {
  const [state, setState] = useState<CustomerViewsState>({ status: 'loading' });

  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    api.get<{ items: CustomerView[] }>('/customer-views').then(
      (body) => isCurrent && setState({ status: 'ready', views: body.items }),
      (error: unknown) => isCurrent && setState({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [workspaceId]);

  const change = useCallback((update: (views: CustomerView[]) => CustomerView[]) => {
    setState((current) => (current.status === 'ready' ? { status: 'ready', views: update(current.views) } : current));
  }, []);

  const create = useCallback(
    async (input: CreateCustomerViewInput): Promise<CustomerView> => {
      const view = await api.post<CustomerView>('/customer-views', input);
      change((views) => [...views, view]);
      return view;
    },
    [change],
  );

  const update = useCallback(
    async (viewId: string, input: UpdateCustomerViewInput): Promise<CustomerView> => {
      const view = await api.patch<CustomerView>(`/customer-views/${viewId}`, input);
      // A view made personal by someone other than its owner is no longer theirs to see.
      change((views) =>
        views.flatMap((v) => (v.id !== viewId ? [v] : view.visibility === 'shared' || view.canEdit ? [view] : [])),
      );
      return view;
    },
    [change],
  );

  const remove = useCallback(
    async (viewId: string): Promise<void> => {
      await api.delete(`/customer-views/${viewId}`);
      change((views) => views.filter((v) => v.id !== viewId));
    },
    [change],
  );

  return { state, create, update, remove };
}
