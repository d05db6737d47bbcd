import { Navigate } from 'react-router';
import { useMe } from '../routes/auth/session.js';
import { navFor } from './Shell.js';

/** The start page is the first page the signed-in person's roles may use (a supplier's own page, a board member's reports). */
export function StartPage() {
  const me = useMe().data;
  if (me === undefined) return null;
  return <Navigate to={navFor(me)[0]?.to ?? '/account'} replace state={{ start: true }} />;
}
