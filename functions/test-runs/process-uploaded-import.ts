import { S3ObjectCreated } from '#shared/events/aws-events';
import { awsEventHandler } from '#shared/events/consumer';
import { processUploadedReport } from '#shared/testing/imports/processing';

// Target of ProcessUploadedImport: S3 announced a report uploaded to imports/ of the artifacts
// bucket (the account's default bus). Errors propagate: retries, then the DLQ.
export const handler = awsEventHandler(S3ObjectCreated, async (event) => {
  const { bucket, object } = event.detail;
  await processUploadedReport({ bucket: bucket.name, key: object.key, size: object.size });
});
