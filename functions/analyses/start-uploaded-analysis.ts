import { startUploadedAnalysis } from '#shared/analysis/uploads';
import { S3ObjectCreated } from '#shared/events/aws-events';
import { awsEventHandler } from '#shared/events/consumer';

// Target of StartUploadedAnalysis: S3 announced an archive uploaded to analysis-uploads/ of the
// artifacts bucket (the account's default bus). Errors propagate: retries, then the DLQ.
export const handler = awsEventHandler(S3ObjectCreated, async (event) => {
  const { bucket, object } = event.detail;
  await startUploadedAnalysis({ bucket: bucket.name, key: object.key, size: object.size });
});
