/**
 * The coordinator's GraphQL of survey waves (server/graphql/surveys.graphql; docs/surveys.md) and
 * the shapes the pages read. Only coordinators of the wave's dept and admins get answers.
 */
import type { RespondentView, RosterCandidate, WaveView } from '../../../common/surveys';

export type {
  RespondentView as WaveRespondent,
  RosterCandidate as WaveCandidate,
  WaveView as Wave,
};

const RESPONDENT = /* GraphQL */ `
  personId
  name
  nameKana
  status
  statusJa
  statusEn
  startedAt
  savedAt
  submittedAt
  linkPath
  linkExpiresAt
  revoked
  hasEmail
`;

const WAVE = /* GraphQL */ `
  id
  deptId
  deptName
  name
  endDate
  consentText
  state
  createdAt
  openedAt
  closedAt
  rosterSize
  submitted
  started
  notStarted
  responseRate
  mailConfigured
`;

export const WAVES = /* GraphQL */ `
  query Waves($deptId: ID) {
    waves(deptId: $deptId) { ${WAVE} }
  }
`;

export const WAVE_DETAIL = /* GraphQL */ `
  query Wave($id: ID!) {
    wave(id: $id) { ${WAVE} respondents { ${RESPONDENT} } }
  }
`;

export const CANDIDATES = /* GraphQL */ `
  query WaveRosterCandidates($deptId: ID) {
    waveRosterCandidates(deptId: $deptId) {
      personId
      name
      nameKana
      group
      isKeyPerson
      regionId
    }
  }
`;

/** The depts an admin may create a wave for. */
export const DEPTS = /* GraphQL */ `
  query WaveDepts {
    regions {
      id
      depts {
        id
        name
      }
    }
  }
`;

const WAVE_ANSWER = `${WAVE} respondents { ${RESPONDENT} }`;

export const CREATE_WAVE = /* GraphQL */ `
  mutation CreateWave($deptId: ID, $name: String!, $endDate: String!, $consentText: String, $personIds: [ID!]) {
    createWave(deptId: $deptId, name: $name, endDate: $endDate, consentText: $consentText, personIds: $personIds) { ${WAVE_ANSWER} }
  }
`;

export const EDIT_WAVE = /* GraphQL */ `
  mutation EditWave($id: ID!, $name: String, $endDate: String, $consentText: String) {
    editWave(id: $id, name: $name, endDate: $endDate, consentText: $consentText) { ${WAVE_ANSWER} }
  }
`;

export const SET_ROSTER = /* GraphQL */ `
  mutation SetWaveRoster($id: ID!, $personIds: [ID!]!) {
    setWaveRoster(id: $id, personIds: $personIds) { ${WAVE_ANSWER} }
  }
`;

export const OPEN_WAVE = /* GraphQL */ `
  mutation OpenWave($id: ID!) { openWave(id: $id) { ${WAVE_ANSWER} } }
`;

export const CLOSE_WAVE = /* GraphQL */ `
  mutation CloseWave($id: ID!) { closeWave(id: $id) { ${WAVE_ANSWER} } }
`;

export const DELETE_WAVE = /* GraphQL */ `
  mutation DeleteWave($id: ID!) {
    deleteWave(id: $id)
  }
`;

export const REISSUE_LINK = /* GraphQL */ `
  mutation ReissueWaveLink($waveId: ID!, $personId: ID!) {
    reissueWaveLink(waveId: $waveId, personId: $personId) { ${RESPONDENT} }
  }
`;

export const REVOKE_LINK = /* GraphQL */ `
  mutation RevokeWaveLink($waveId: ID!, $personId: ID!) {
    revokeWaveLink(waveId: $waveId, personId: $personId) { ${RESPONDENT} }
  }
`;

/** What sendWaveLinks answers (server/surveys/mailing.ts). */
export interface WaveMailReport {
  kind: 'INVITATION' | 'REMINDER';
  sent: number;
  skipped: number;
  failed: number;
  results: Array<{
    personId: string;
    name: string | null;
    outcome: 'sent' | 'skipped' | 'failed';
    reason:
      'NO_EMAIL' | 'SUBMITTED' | 'STARTED' | 'NO_LINK' | 'NOT_ON_ROSTER' | 'SEND_FAILED' | null;
    smtpCode: number | null;
  }>;
}

export const SEND_WAVE_LINKS = /* GraphQL */ `
  mutation SendWaveLinks($waveId: ID!, $personIds: [ID!]!, $kind: WaveMailKind!) {
    sendWaveLinks(waveId: $waveId, personIds: $personIds, kind: $kind) {
      kind
      sent
      skipped
      failed
      results {
        personId
        name
        outcome
        reason
        smtpCode
      }
    }
  }
`;
