import { Center } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, Loading } from '../../components/States.js';
import { useMe } from './session.js';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending || me.isError) {
    return (
      <Center component="main" id="main" mih="100vh" p="md">
        {me.isPending ? <Loading /> : <ErrorState error={me.error} onRetry={() => void me.refetch()} />}
      </Center>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
