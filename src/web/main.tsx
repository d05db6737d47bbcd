import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client.js';
import { keys } from './api/resources.js';
import { i18n } from './i18n/index.js';
import { router } from './router.js';
import { cssVariablesResolver, theme } from './theme.js';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Client errors will not change on retry; only retry what may be transient.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

setUnauthorizedHandler(() => {
  queryClient.setQueryData(keys.me, null);
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/sign-in')) {
    void router.navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <Notifications autoClose={8000} />
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nextProvider>
    </MantineProvider>
  </StrictMode>,
);
