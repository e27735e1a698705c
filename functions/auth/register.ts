import { Register } from '#shared/api/routes/auth';
import { httpHandler } from '#shared/http/handler';
import { negotiateLocale } from '#shared/i18n/locale';
import { register } from '#shared/users/registration';

export const handler = httpHandler(Register, async ({ body, headers, correlationId }) => ({
  body: await register(
    { ...body, locale: body.locale ?? negotiateLocale(headers['accept-language']) },
    { correlationId },
  ),
}));
