import { QueryClient, isServer } from "@tanstack/react-query";
import { ConsoleApiError } from "@/lib/query/fetch-json";

/**
 * Whether the browser asks again at once. Only when the console's own server did not answer: any error
 * envelope is the server's final word, after its own bounded retries against the platform, and stacking
 * browser retries on top kept a known error off the screen for up to three upstream timeouts.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && error instanceof ConsoleApiError && error.code === "network";
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Longer than hydration takes on a slow machine: a server-rendered page must not fetch its data again on load.
        staleTime: 10_000,
        retry: shouldRetry,
        retryDelay: 500,
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
