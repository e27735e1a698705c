/**
 * The single DynamoDB table, described once. The CDK data construct and local mode's
 * table creation are both built from this definition, so they cannot drift.
 *
 * Access patterns:
 *  - item by id:                       PK = <ENTITY>#<id>, SK = <ENTITY> (or a child key)
 *  - children of a parent:             PK = PROJECT#<id>, SK begins_with MEMBER#
 *  - a user's projects (GSI1):         GSI1PK = USER#<userId>, GSI1SK = PROJECT#<projectId>
 *  - invitations to an email (GSI1):   GSI1PK = INVITEE#<email>, GSI1SK = INVITATION#<id>
 *  - uniqueness reservations:          PK = EMAIL#<email> / PROJECTKEY#<key>, SK = same
 *  - a project's analyses of a commit (GSI2): GSI2PK = ANALYSISCOMMIT#<projectId>#<commit>, GSI2SK = ANALYSIS#<id>
 */
export const TABLE_DEFINITION = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;
