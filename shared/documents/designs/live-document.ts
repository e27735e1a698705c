import * as m from '#shared/documents/designs/messages';
import { dereferenceOpenApi, type OpenApiDocument, validateOpenApi } from '#shared/documents/openapi/validate';
import { AppError, ValidationError } from '#shared/http/errors';
import { urlRefused } from '#shared/http/messages';
import {
  type OutboundClient,
  OutboundRequestError,
  type OutboundResponse,
  validateOutboundUrl,
} from '#shared/http/outbound';
import { localize } from '#shared/i18n/catalogue';

// A live API's OpenAPI document, fetched through the guarded outbound client (SSRF policy at save
// and connect time, one deadline, the client's 1 MB cap, which is a stored design's too).

/** One deadline for fetching the live document, leaving the 10 s of an API Lambda room to parse and diff. */
const FETCH_TIMEOUT_MS = 6_000;
/** Problems of an invalid live document named in the answer. */
const MAX_PROBLEMS = 20;

/**
 * The live document, validated and dereferenced. A URL the policy refuses is a 400 naming
 * `body.url`; a host that cannot be reached, answers other than 2xx or too much is a 502; a
 * document that is not OpenAPI 3.0/3.1 is a 422 listing its first problems. Never a 500.
 */
export async function fetchLiveDocument(url: string, client: OutboundClient): Promise<OpenApiDocument> {
  const check = validateOutboundUrl(url);
  if (!check.ok) throw new ValidationError([{ path: 'body.url', message: urlRefused({ reason: check.reason }) }]);
  let response: OutboundResponse;
  try {
    response = await client.request(url, {
      headers: { accept: 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5' },
      timeoutMs: FETCH_TIMEOUT_MS,
    });
  } catch (error) {
    if (!(error instanceof OutboundRequestError)) throw error;
    if (error.kind === 'invalid_url' || error.kind === 'address_refused') {
      throw new ValidationError([{ path: 'body.url', message: urlRefused({ reason: localize(error.text) }) }]);
    }
    throw unavailable(localize(error.text));
  }
  if (response.status < 200 || response.status > 299) {
    throw unavailable(localize(m.driftStatus({ status: response.status })));
  }
  const validation = await validateOpenApi(response.text());
  if (!validation.valid) {
    throw new AppError(
      422,
      'LIVE_DOCUMENT_INVALID',
      m.titleLiveDocumentInvalid(),
      m.liveDocumentInvalid({ count: validation.problems.length }),
      {
        errors: validation.problems.slice(0, MAX_PROBLEMS).map((problem) => ({
          path: 'body.url',
          message: m.liveProblem({
            line: problem.line,
            pointer: problem.pointer || '/',
            reason: localize(problem.message),
          }),
        })),
      },
    );
  }
  return dereferenceOpenApi(validation.document);
}

function unavailable(reason: string): AppError {
  return new AppError(
    502,
    'DRIFT_SOURCE_UNAVAILABLE',
    m.titleDriftSourceUnavailable(),
    m.driftFetchFailed({ reason }),
    {
      errors: [{ path: 'body.url', message: m.driftFetchFailed({ reason }) }],
    },
  );
}
