/** The GraphQL documents the app sends (server/graphql/*.graphql). */

export const REGIONS = /* GraphQL */ `
  query Regions {
    regions {
      id
      name
      nameEn
      prefecture
      depts {
        id
      }
    }
  }
`;

/**
 * The entity API's type and query root of each node kind with a form (read by the 詳細 panel).
 * Edits go through the validated `updateNode` mutation, not generated ones.
 */
export const ENTITY_API: Record<string, { type: string; query: string }> = {
  Person: { type: 'Person', query: 'people' },
  Organization: { type: 'Organization', query: 'organizations' },
  SME: { type: 'SME', query: 'smes' },
  Event: { type: 'Event', query: 'events' },
  RegionalHRDept: { type: 'RegionalHRDept', query: 'regionalHrDepts' },
  Region: { type: 'Region', query: 'regions' },
};

/** The mutation that edits a node's fields (server/graphql/analytics.graphql). */
export const UPDATE_MUTATION = 'updateNode';

/** Extra fields read for display only. */
export const EXTRA_READ: Record<string, string[]> = { Person: ['isKeyPerson', 'isTalent'] };

/**
 * What this account's schema offers: its mutations and the fields of each entity type (a role
 * may have fewer fields, e.g. no contact data; the app reads only what is there).
 */
export const SCHEMA_INFO = /* GraphQL */ `
  query SchemaInfo {
    __schema {
      mutationType {
        fields {
          name
        }
      }
    }
    ${Object.values(ENTITY_API)
      .map((a) => `${a.type}: __type(name: "${a.type}") { fields { name } }`)
      .join('\n    ')}
  }
`;

export const NETWORK_MAP = /* GraphQL */ `
  query NetworkMap($regionId: ID, $includeUnconfirmed: Boolean) {
    networkMap(regionId: $regionId, includeUnconfirmed: $includeUnconfirmed) {
      graphVersion
      unconfirmedTies
      includesUnconfirmed
      nodes {
        id
        kind
        name
        nameKana
        subKind
        score
        inKeyPersonGroup
        declaredKeyPerson
        isTalent
        community
        regionIds
        x
        y
      }
      edges {
        source
        target
        type
        weight
        unconfirmed
      }
    }
  }
`;

const REASON = 'reasons { code ja en }';
const GAP = 'id kind severity nodeIds relatedIds detail deptId explanationJa explanationEn';

export const KEY_PERSONS = /* GraphQL */ `
  query KeyPersons($regionId: ID, $limit: Int, $includeUnconfirmed: Boolean) {
    keyPersonGroup(regionId: $regionId, limit: $limit, includeUnconfirmed: $includeUnconfirmed) {
      personId name score betweenness constraint reach community declared inGroup assessed ${REASON}
    }
  }
`;

export const GAPS = /* GraphQL */ `
  query Gaps($regionId: ID, $includeUnconfirmed: Boolean) {
    networkGaps(regionId: $regionId, includeUnconfirmed: $includeUnconfirmed) { ${GAP} }
  }
`;

export const SUGGESTIONS = /* GraphQL */ `
  query Suggestions($regionId: ID, $limit: Int, $includeUnconfirmed: Boolean) {
    introductionSuggestions(
      regionId: $regionId
      limit: $limit
      includeUnconfirmed: $includeUnconfirmed
    ) {
      id fromId fromName toId toName viaId viaName score gapValue feasibility fit closes ${REASON}
    }
  }
`;

export const OUTREACH = /* GraphQL */ `
  query Outreach($regionId: ID!, $limit: Int) {
    outreachPlan(regionId: $regionId, limit: $limit) {
      smeId smeName priority viaOrgId viaOrgName viaPersonId viaPersonName programmeJa programmeEn ${REASON}
    }
  }
`;

export const WHAT_IF = /* GraphQL */ `
  query WhatIf($regionId: ID, $personId: ID!, $includeUnconfirmed: Boolean) {
    whatIfRemoved(regionId: $regionId, personId: $personId, includeUnconfirmed: $includeUnconfirmed) {
      personId personName cutOffIds cutOffNames cutOffSmes cutOffOrgs lostTies
      newGaps { ${GAP} }
      explanationJa explanationEn
    }
  }
`;

export const CONNECTION_PATH = /* GraphQL */ `
  query ConnectionPath($fromId: ID!, $toId: ID!) {
    connectionPath(fromId: $fromId, toId: $toId) {
      fromId
      fromName
      toId
      toName
      relType
      strength
    }
  }
`;

export const RECORD_INTRODUCTION = /* GraphQL */ `
  mutation RecordIntroduction(
    $fromId: ID!
    $toId: ID!
    $viaId: ID
    $status: IntroductionStatus!
    $note: String
  ) {
    recordIntroduction(fromId: $fromId, toId: $toId, viaId: $viaId, status: $status, note: $note) {
      id
      status
    }
  }
`;

/** Reads the recorded fields of one node of a kind (entity API of @neo4j/graphql). */
export function entityQuery(root: string, fields: string[]): string {
  return `query Entity($id: ID!) { ${root}(where: { id: { eq: $id } }) { id ${fields.join(' ')} } }`;
}

/**
 * The validated edit of one node's fields (server/graphql/updateNode.ts). Invalid fields come
 * back as BAD_USER_INPUT with `extensions.fields` (api.ts → ApiError.fields).
 */
export const UPDATE_NODE = /* GraphQL */ `
  mutation UpdateNode($id: ID!, $fields: [FieldChange!]!) {
    updateNode(id: $id, fields: $fields) {
      id
      name
      changed
      graphVersion
    }
  }
`;

/**
 * Keeping the network current (docs/graphql.md §5b): each answers the graph version after the
 * write, which the store reads the map again at.
 */
export const CREATE_NODE = /* GraphQL */ `
  mutation CreateNode($kind: MapNodeKind!, $fields: [FieldChange!]!, $ties: [NewTie!]) {
    createNode(kind: $kind, fields: $fields, ties: $ties) {
      id
      name
      graphVersion
    }
  }
`;

export const SET_RELATIONSHIP = /* GraphQL */ `
  mutation SetRelationship(
    $type: RelationshipType!
    $from: ID!
    $to: ID!
    $properties: [FieldChange!]
  ) {
    setRelationship(type: $type, from: $from, to: $to, properties: $properties) {
      created
      updated
      graphVersion
    }
  }
`;

export const DELETE_RELATIONSHIP = /* GraphQL */ `
  mutation DeleteRelationship($type: RelationshipType!, $from: ID!, $to: ID!) {
    deleteRelationship(type: $type, from: $from, to: $to) {
      deleted
      graphVersion
    }
  }
`;

export const DELETE_NODE = /* GraphQL */ `
  mutation DeleteNode($id: ID!, $erase: Boolean) {
    deleteNode(id: $id, erase: $erase) {
      id
      erased
      graphVersion
    }
  }
`;

export const MERGE_NODES = /* GraphQL */ `
  mutation MergeNodes($keep: ID!, $merge: ID!) {
    mergeNodes(keep: $keep, merge: $merge) {
      keptId
      movedTies
      graphVersion
    }
  }
`;

export const RECORD_FOLLOW_UP = /* GraphQL */ `
  mutation RecordFollowUp($talentId: ID!, $smeId: ID!, $date: String!, $note: String, $whoId: ID) {
    recordFollowUp(talentId: $talentId, smeId: $smeId, date: $date, note: $note, whoId: $whoId) {
      eventId
      lastFollowUpAt
      graphVersion
    }
  }
`;

export const DUPLICATES = /* GraphQL */ `
  query Duplicates($id: ID!) {
    duplicateCandidates(id: $id) {
      id
      name
      nameKana
      reasons
    }
  }
`;
