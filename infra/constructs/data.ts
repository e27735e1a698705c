import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { acknowledgeNag } from '#infra/constructs/nag';
import { removalPolicyOf } from '#infra/constructs/stage-defaults';
import { TABLE_DEFINITION } from '#shared/data/table-definition';
import { ANALYSIS_UPLOAD_PREFIX } from '#shared/schemas/analyses';
import { IMPORT_UPLOAD_PREFIX } from '#shared/schemas/test-runs';

export interface DataProps {
  readonly config: StageConfig;
}

/**
 * Where the platform keeps its state: the one DynamoDB table, built from TABLE_DEFINITION (the
 * same definition local mode creates its table from), and the artifacts bucket for large or
 * binary content (document bodies, source archives, reports), with its access-log bucket.
 */
export class Data extends Construct {
  public readonly table: dynamodb.Table;
  public readonly artifactsBucket: s3.Bucket;
  /** Server access logs of the artifacts bucket: who read or wrote which artifact. */
  public readonly accessLogsBucket: s3.Bucket;
  /**
   * Seals the secrets users give us (deploy-target and webhook signing secrets): the code
   * asks it for a data key per secret (`shared/crypto/envelope.ts`). Rotated yearly by KMS;
   * old key material stays to decrypt what it sealed.
   */
  public readonly secretsKey: kms.Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { config } = props;
    const removalPolicy = removalPolicyOf(config);
    // Emptying a bucket on stack deletion takes a custom resource (one helper Lambda per stack);
    // only stages that do not keep their data need it.
    const autoDeleteObjects = !config.retainData;

    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: `Trellis (${config.stage}): envelope encryption of stored deploy and webhook secrets`,
      enableKeyRotation: true,
      // Without the key, every stored secret is lost: it follows the stage's data.
      removalPolicy,
      pendingWindow: Duration.days(30),
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: config.pointInTimeRecovery },
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: config.retainData,
      removalPolicy,
    });
    for (const index of TABLE_DEFINITION.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      // Server access log delivery supports SSE-S3 only.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy,
      autoDeleteObjects,
    });
    acknowledgeNag(
      this.accessLogsBucket,
      'AwsSolutions-S1',
      'This bucket receives the artifacts bucket access logs; logging it into itself would log its own log deliveries forever',
    );

    this.artifactsBucket = new s3.Bucket(this, 'ArtifactsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'artifacts/',
      lifecycleRules: [
        {
          id: 'tier-and-expire-old-versions',
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(config.artifacts.infrequentAccessAfterDays),
            },
          ],
          noncurrentVersionExpiration: Duration.days(config.artifacts.noncurrentExpiryDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          // A raw upload (a JUnit report) has served its purpose once imported: the run holds the results.
          id: 'expire-raw-uploads',
          prefix: IMPORT_UPLOAD_PREFIX,
          expiration: Duration.days(config.artifacts.uploadExpiryDays),
        },
        {
          // An analysed archive likewise: the analysis keeps its results under analyses/.
          id: 'expire-analysis-uploads',
          prefix: ANALYSIS_UPLOAD_PREFIX,
          expiration: Duration.days(config.artifacts.uploadExpiryDays),
        },
      ],
      removalPolicy,
      autoDeleteObjects,
    });
    // Object Created events on the default bus: an uploaded JUnit report starts its import
    // (EVENT_RULES ProcessUploadedImport). Set on the bucket itself: the L2 `eventBridgeEnabled`
    // would add a notifications custom resource (and its Lambda) for what CloudFormation does natively.
    (this.artifactsBucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }
}
