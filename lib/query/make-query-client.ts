import { QueryClient, isServer } from "@tanstack/react-query";
import { ConsoleApiError } from "@/lib/query/fetch-json";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        // Client errors (bad id, not found, forbidden) will not fix themselves; network and upstream trouble may.
        retry: (count, error) => count < 2 && !(error instanceof ConsoleApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
