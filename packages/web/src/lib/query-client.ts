import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.js';

const sessionKey = 'session';

/**
 * One QueryClient for the app. A 401 from any call means the session ended (idle timeout,
 * logout elsewhere): the cached session is cleared so the app returns to the login page.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown): void => {
    if (error instanceof ApiError && error.status === 401 && client.getQueryData([sessionKey])) {
      client.setQueryData([sessionKey], null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Expected failures (forbidden, not found, validation) will not change on retry.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}
