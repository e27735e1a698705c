// The documents core's limits, apart from the modules that use them so that schemas import no S3 client.

/** The largest body a document holds inline, in bytes of UTF-8. */
export const DOCUMENT_BODY_MAX_BYTES = 1_048_576;
