import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, Loading } from '../../components/States.js';
import { useMe } from './session.js';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <main id="main" className="center">
        <Loading />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main id="main" className="center">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
