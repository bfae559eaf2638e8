import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@rapport/contracts';
import { api, ApiError, setCsrfToken, setSessionLostHandler } from '../platform/api-client';
import { setUiLocale } from '../platform/i18n';
import { isConsoleLocale } from '../platform/locales';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' }
  | { status: 'signed-in'; me: Me }
  | { status: 'unreachable'; error: unknown };

interface SessionContextValue {
  state: SessionState;
  /** Adopts a fresh Me (after sign-in, setup, invite acceptance or a workspace switch). */
  signedIn: (me: Me) => void;
  /** Replaces parts of the signed-in user's data after a profile or workspace save. */
  update: (change: (me: Me) => Me) => void;
  /** Ends the session on the server and forgets it here. */
  signOut: () => Promise<void>;
  /** Asks the server again who is signed in. */
  reload: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** Holds who is signed in (from `GET /api/v1/me`) for the whole console. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    if (isConsoleLocale(me.user.locale)) void setUiLocale(me.user.locale);
    setState({ status: 'signed-in', me });
  }, []);

  const reload = useCallback(async () => {
    try {
      signedIn(await api.get<Me>('/me'));
    } catch (error) {
      setCsrfToken(null);
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
      else setState({ status: 'unreachable', error });
    }
  }, [signedIn]);

  useEffect(() => {
    setSessionLostHandler(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out', reason: 'expired' });
    });
    void reload();
    return () => setSessionLostHandler(undefined);
  }, [reload]);

  const update = useCallback((change: (me: Me) => Me) => {
    setState((current) => (current.status === 'signed-in' ? { status: 'signed-in', me: change(current.me) } : current));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.delete('/sessions/current');
    } catch (error) {
      // An expired session is as good as signed out; anything else is worth showing.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setCsrfToken(null);
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo(() => ({ state, signedIn, update, signOut, reload }), [state, signedIn, update, signOut, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person's Me; only for components under the authenticated shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while not signed in');
  return state.me;
}

/** Whether the role may see workspace administration (owners and admins). */
export function canAdminister(me: Me): boolean {
  return me.role === 'owner' || me.role === 'admin';
}
