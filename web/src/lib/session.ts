// The logged-in user (from GET /api/v1/auth/me), held in memory only: nothing about the session
// or the data is written to localStorage, sessionStorage or the URL.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from '../api/generated/schemas';

export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a session');
  return me;
}

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
