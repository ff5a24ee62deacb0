/** Sentences shared by the API and the pages, so both say the same thing. */
export const NO_LIST_ROUTE =
  "The bgops API has no route to list sagas, so listing needs REDIS_URL (read-only access to the platform's Redis). Search by saga id instead.";

export const NO_KEY_SAGAS =
  "Finding the sagas that reference a key needs REDIS_URL: the bgops API has no saga list, so the console cannot search them.";
