import { inflateSync } from 'node:zlib';
// Deep imports on purpose: the package index also loads the WASM build (a 39 KB inline
// binary and its loader), ~60 KB of every bundle that would never run. The package has no
// `exports` map, and the version is pinned to ^3; the round-trip tests cover these paths.
import type { JsHistogram } from 'hdr-histogram-js/dist/JsHistogram';
import { doDecode } from 'hdr-histogram-js/dist/JsHistogram.encoding';
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory';

/**
 * The one layout every latency histogram shares: 1 µs to 60 s at 3 significant digits
 * (every recorded value is kept to within 0.1 %). Sharing it is what makes merging exact:
 * two histograms add bucket by bucket, never by re-sampling.
 */
export const LATENCY_LAYOUT = { lowestMicros: 1, highestMicros: 60_000_000, significantDigits: 3 } as const;

/** Latency percentiles in milliseconds (microsecond resolution); all 0 for an empty histogram. */
export interface LatencyPercentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

// V2 compressed encoding (HdrHistogram's wire format): cookie, deflated length, deflated V2
// encoding. The V2 header inside holds the layout, checked before the library allocates.
const COMPRESSED_COOKIE = 0x1c849314;
const ENCODING_COOKIE = 0x1c849313;
const Int32Histogram = constructorFromBucketSize(32);
// A full 1 µs..60 s histogram with 32-bit counts encodes to ~170 KB uncompressed at worst.
const MAX_ENCODED_CHARS = 256 * 1024;
const MAX_DECODED_BYTES = 512 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Why an encoded histogram was refused: not ours, corrupt, or another layout. */
export class HistogramDecodeError extends Error {
  override name = 'HistogramDecodeError';
}

/**
 * A latency histogram over hdr-histogram-js in its pure-JS form (32-bit counts): the WASM
 * build needs an explicit `destroy()` per histogram (a leak in a warm Lambda otherwise) and
 * recording is not where a load run spends its time (~0.3 µs against a request's tens of µs).
 */
export class LatencyHistogram {
  private constructor(private readonly histogram: JsHistogram) {}

  /** An empty histogram with the shared layout. */
  static create(): LatencyHistogram {
    const histogram = new Int32Histogram(
      LATENCY_LAYOUT.lowestMicros,
      LATENCY_LAYOUT.highestMicros,
      LATENCY_LAYOUT.significantDigits,
    );
    histogram.autoResize = false;
    return new LatencyHistogram(histogram);
  }

  /**
   * Reads what `encode()` wrote. Refuses (HistogramDecodeError) anything that is not a
   * compressed V2 histogram with exactly our layout, before allocating for it.
   */
  static decode(encoded: string): LatencyHistogram {
    const uncompressed = inflatedWithOurLayout(encoded);
    let histogram: JsHistogram;
    try {
      histogram = doDecode(uncompressed, 32);
    } catch (error) {
      throw new HistogramDecodeError('The histogram could not be decoded.', { cause: error });
    }
    histogram.autoResize = false;
    return new LatencyHistogram(histogram);
  }

  /** A new histogram holding every value of all of them: counts add exactly, nothing is averaged. */
  static merge(histograms: Iterable<LatencyHistogram>): LatencyHistogram {
    const merged = LatencyHistogram.create();
    for (const histogram of histograms) merged.add(histogram);
    return merged;
  }

  /** Records one latency in microseconds, clamped to the layout's 1 µs..60 s. */
  recordMicros(micros: number): void {
    const value = Math.round(micros);
    this.histogram.recordValue(
      value < LATENCY_LAYOUT.lowestMicros
        ? LATENCY_LAYOUT.lowestMicros
        : value > LATENCY_LAYOUT.highestMicros
          ? LATENCY_LAYOUT.highestMicros
          : value,
    );
  }

  /** Adds every value of `other` into this one. */
  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** The latency at a percentile (0..100) in milliseconds; 0 when empty. */
  percentileMs(percentile: number): number {
    return this.count === 0 ? 0 : this.histogram.getValueAtPercentile(percentile) / 1000;
  }

  percentiles(): LatencyPercentiles {
    if (this.count === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
    return {
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p95: this.percentileMs(95),
      p99: this.percentileMs(99),
      // The top of the highest bucket, as percentiles are reported (Java HdrHistogram's
      // getMaxValue), so max ≥ p99 always holds; the JS port's maxValue is the raw value.
      max: this.percentileMs(100),
    };
  }

  /** HdrHistogram's compressed V2 encoding in base64 (`HISTF…`): ~1-2 KB for a typical run. */
  encode(): string {
    return this.histogram.encodeIntoCompressedBase64();
  }
}

/** The V2 encoding inside, inflated within bounds, once its header shows our layout. */
function inflatedWithOurLayout(encoded: string): Buffer {
  if (encoded.length > MAX_ENCODED_CHARS || !BASE64.test(encoded)) {
    throw new HistogramDecodeError('The histogram is not base64 of a reasonable size.');
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 8 || bytes.readInt32BE(0) !== COMPRESSED_COOKIE) {
    throw new HistogramDecodeError('The histogram is not in the compressed V2 encoding.');
  }
  let uncompressed: Buffer;
  try {
    uncompressed = inflateSync(bytes.subarray(8, 8 + bytes.readInt32BE(4)), { maxOutputLength: MAX_DECODED_BYTES });
  } catch (error) {
    throw new HistogramDecodeError('The histogram does not inflate within bounds.', { cause: error });
  }
  // cookie, payload length, normalizing offset, significant digits, lowest (int64), highest (int64)
  const layoutMatches =
    uncompressed.length >= 32 &&
    uncompressed.readInt32BE(0) === ENCODING_COOKIE &&
    uncompressed.readInt32BE(12) === LATENCY_LAYOUT.significantDigits &&
    uncompressed.readBigInt64BE(16) === BigInt(LATENCY_LAYOUT.lowestMicros) &&
    uncompressed.readBigInt64BE(24) === BigInt(LATENCY_LAYOUT.highestMicros);
  if (!layoutMatches) {
    throw new HistogramDecodeError('The histogram does not have the 1 µs..60 s, 3-digit layout.');
  }
  return uncompressed;
}
