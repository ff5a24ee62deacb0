/**
 * The page a request renders, as set by proxy.ts on every page request (overwriting anything the client sent):
 * a server component has no URL of its own, and a refused page is audited by path.
 */
export const PAGE_PATH_HEADER = "x-console-page-path";
