import type { TieChange } from '../../../common/metrics';

/** The GraphQL documents of the pages over time (server/graphql/analytics.graphql, SPEC §12). */

const METRICS_FIELDS = /* GraphQL */ `
  regionId
  regionName
  asOf
  wave { id nameJa nameEn date }
  stage
  stageJa
  stageEn
  metrics { key value better unit labelJa labelEn explanationJa explanationEn }
`;

export const COMPARE = /* GraphQL */ `
  query Compare($regionId: ID, $from: String!, $to: String!) {
    compareNetworks(regionId: $regionId, from: $from, to: $to, limit: 100) {
      from { ${METRICS_FIELDS} }
      to { ${METRICS_FIELDS} }
      changes { key labelJa labelEn better unit from to change direction }
      difference {
        newTieCount endedTieCount newPersonCount departedPersonCount
        newTies { id type fromId fromName toId toName since until }
        endedTies { id type fromId fromName toId toName since until }
        newPersons { id name }
        departedPersons { id name }
      }
    }
  }
`;

export const TREND = /* GraphQL */ `
  query Trend($regionId: ID) {
    networkTrend(regionId: $regionId) { ${METRICS_FIELDS} }
  }
`;

export const WAVES = /* GraphQL */ `
  query Waves {
    surveyWaves {
      id
      nameJa
      nameEn
      date
    }
    regionsOverview {
      regionId
      regionName
      regionNameEn
      deptId
      deptName
      phase
    }
  }
`;

export const OVERVIEW = /* GraphQL */ `
  query Overview($asOf: String) {
    regionsOverview(asOf: $asOf) {
      regionId regionName regionNameEn prefecture deptId deptName phase
      metrics { ${METRICS_FIELDS} }
    }
  }
`;

export const REPORT = /* GraphQL */ `
  query Report($regionId: ID!, $from: String!, $to: String!) {
    me {
      role
    }
    networkMap(regionId: $regionId) {
      nodes {
        id
        kind
        name
        inKeyPersonGroup
        x
        y
      }
      edges {
        id
        source
        target
        type
        weight
      }
    }
    keyPersonGroup(regionId: $regionId, limit: 20) {
      personId
      name
      score
      inGroup
      declared
      reasons {
        code
        ja
        en
      }
    }
    networkGaps(regionId: $regionId) {
      id
      kind
      severity
      explanationJa
      explanationEn
    }
    introductionSuggestions(regionId: $regionId, limit: 5) {
      id
      fromName
      toName
      viaName
      score
      reasons {
        code
        ja
        en
      }
    }
    outreachPlan(regionId: $regionId, limit: 10) {
      smeId
      smeName
      priority
      viaOrgName
      viaPersonName
      programmeJa
      programmeEn
    }
    compareNetworks(regionId: $regionId, from: $from, to: $to, limit: 1) {
      from {
        regionName
        asOf
        wave {
          nameJa
          nameEn
        }
        stage
        stageJa
        stageEn
      }
      to {
        regionName
        asOf
        stage
        stageJa
        stageEn
      }
      changes {
        key
        labelJa
        labelEn
        better
        unit
        from
        to
        change
        direction
      }
      difference {
        newTieCount
        endedTieCount
        newPersonCount
        departedPersonCount
      }
    }
  }
`;

export interface MetricValue {
  key: string;
  value: number | null;
  better: string;
  unit: string;
  labelJa: string;
  labelEn: string;
  explanationJa: string;
  explanationEn: string;
}

export interface Wave {
  id: string;
  nameJa: string;
  nameEn: string;
  date: string;
}

export interface NetworkMetrics {
  regionId: string | null;
  regionName: string;
  asOf: string;
  wave: Wave | null;
  stage: string;
  stageJa: string;
  stageEn: string;
  metrics: MetricValue[];
}

export interface MetricChange {
  key: string;
  labelJa: string;
  labelEn: string;
  better: string;
  unit: string;
  from: number | null;
  to: number | null;
  change: number | null;
  direction: 'better' | 'worse' | 'same' | 'neutral' | 'unknown';
}

export type { TieChange };

export interface Difference {
  newTieCount: number;
  endedTieCount: number;
  newPersonCount: number;
  departedPersonCount: number;
  newTies: TieChange[];
  endedTies: TieChange[];
  newPersons: Array<{ id: string; name: string }>;
  departedPersons: Array<{ id: string; name: string }>;
}

export interface Comparison {
  from: NetworkMetrics;
  to: NetworkMetrics;
  changes: MetricChange[];
  difference: Difference;
}

export interface RegionRow {
  regionId: string;
  regionName: string;
  regionNameEn: string | null;
  prefecture?: string;
  deptId: string;
  deptName: string;
  phase: string;
  metrics?: NetworkMetrics;
}
