// Starts one web app: translations, the query cache (server state), the router under the app's
// base path, and a session hook shared by the three apps.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { api, ApiError, type Schemas, unwrap } from './api/client';
import { initI18n, type Language } from './i18n';

export function mountApp(opts: {
  ns: string;
  resources: Record<Language, Record<string, unknown>>;
  language: Language;
  basename: string;
  app: ReactNode;
}) {
  initI18n(opts.ns, opts.resources, opts.language);
  const queryClient = new QueryClient({
    defaultOptions: {
      // 4xx answers are final; retry only what may pass on a second try.
      queries: { retry: (n, err) => n < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500), staleTime: 15_000 },
    },
  });
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename={opts.basename}>{opts.app}</BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}

export type Me = Schemas['Principal'];

async function fetchMe() {
  try {
    return await unwrap(api.GET('/v1/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Who is signed in (null when nobody), from the session cookie; `signIn`/`signOut` update it. */
export function useSession() {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000 });
  return {
    me,
    async signIn(realm: 'shopper' | 'staff', email: string, password: string) {
      await unwrap(api.POST('/v1/sessions', { body: { realm, email, password } }));
      await qc.resetQueries();
    },
    async signOut() {
      await unwrap(api.DELETE('/v1/sessions/current'));
      qc.clear();
      await qc.resetQueries();
    },
  };
}
