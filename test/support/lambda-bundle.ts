import type { BuildOptions } from 'esbuild';
import { TRELLIS_BUNDLING } from '#infra/constructs/trellis-function';

/** esbuild options as the CDK function construct bundles a Lambda (entry and output are the caller's). */
export function lambdaBuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: TRELLIS_BUNDLING.target,
    minify: TRELLIS_BUNDLING.minify,
    mainFields: TRELLIS_BUNDLING.mainFields,
    banner: { js: TRELLIS_BUNDLING.banner ?? '' },
    define: TRELLIS_BUNDLING.define,
    logLevel: 'error',
  };
}
