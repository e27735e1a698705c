// The search index's FIFO queue and its consumer, as both the CDK stack and local mode build
// them (infra/constructs/search-indexing.ts, scripts/local/stack.ts).

/** The queue, its dead-letter queue and the consumer its event source mapping invokes. */
export const SEARCH_INDEX_QUEUE = {
  /** Names the consumer's Lambda (and its alarms), as a rule id names a consumer's. */
  consumerId: 'ApplySearchIndexChanges',
  handler: 'functions/search/apply-index-changes.ts',
  /** A project's batch reads each changed item and writes its index once. */
  consumerTimeoutSeconds: 60,
  /** AWS's advice for a Lambda-fed queue: six times the function's timeout. */
  visibilityTimeoutSeconds: 360,
  /** Messages per invocation: several of one project are saved with one write of its index. */
  batchSize: 10,
  /** Receives before a message goes to the dead-letter queue. */
  maxReceiveCount: 5,
  /** Local mode's queue names (the stack lets CloudFormation name them). */
  localQueueName: 'trellis-local-search-index.fifo',
  localDeadLetterQueueName: 'trellis-local-search-index-dlq.fifo',
} as const;
