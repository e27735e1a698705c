import { Search } from '#shared/api/routes/search';
import { httpHandler } from '#shared/http/handler';
import { searchForCaller } from '#shared/search/queries';

export const handler = httpHandler(Search, async ({ auth, query, correlationId }) => ({
  body: await searchForCaller({ auth, correlationId }, query),
}));
