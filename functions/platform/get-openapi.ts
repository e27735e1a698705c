// Being written in this session: replaced before the first landing.
export const handler = async (): Promise<unknown> => ({ statusCode: 501, body: "" });
