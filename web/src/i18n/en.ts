/** Every text of the app in English: the same keys as ja.ts, one file per area in en/. */
import type { MessageKey } from './ja';
import type { EnumDicts } from './types';
import { enCore } from './en/core';
import { enPanels } from './en/panels';
import { enEntry } from './en/entry';
import { enImport } from './en/import';
import { enTime } from './en/time';
import { enSurveys } from './en/surveys';
import { enIntroductions } from './en/introductions';
import { enUnconfirmed } from './en/unconfirmed';
import { enMapActions } from './en/mapActions';
import { enOverview } from './en/overview';
import { enMail } from './en/mail';

export const en: Record<MessageKey, string> = {
  ...enCore,
  ...enPanels,
  ...enEntry,
  ...enImport,
  ...enTime,
  ...enSurveys,
  ...enIntroductions,
  ...enUnconfirmed,
  ...enMapActions,
  ...enOverview,
  ...enMail,
};
export const enEnums: EnumDicts = {
  nodeKind: {
    Region: 'Region',
    RegionalHRDept: 'Regional HR dept',
    Organization: 'Organisation',
    SME: 'SME',
    Person: 'Person',
    Skill: 'Skill',
    Challenge: 'Business challenge',
    Event: 'Event',
    Introduction: 'Introduction',
  },
  regionKind: {
    municipality: 'Municipality',
    prefecture: 'Prefecture',
  },
  deptPhase: {
    launching: 'Launching',
    operating: 'Operating',
    self_sustaining: 'Self-sustaining',
  },
  orgKind: {
    municipality: 'Municipality',
    chamber: 'Chamber of commerce',
    commerce_assoc: 'Commerce association',
    bank: 'Bank',
    shinkin: 'Shinkin bank',
    credit_union: 'Credit union',
    university: 'University',
    npo: 'NPO',
    support_center: 'Support centre',
    public_corp: 'Public corporation',
    hr_company: 'HR company',
    large_enterprise: 'Large (sending) enterprise',
    government: 'Government agency',
    other: 'Other',
  },
  orgFunction: {
    change_agent: 'Change agent',
    strategic_partner: 'Strategic partner',
    hr_expert: 'HR expert',
    employee_advocate: 'Employee advocate',
  },
  smeStage: {
    unaware: 'Unaware',
    interested: 'Interested',
    engaged: 'Engaged',
    matched: 'Matched',
    following_up: 'Following up',
  },
  personOrigin: {
    local: 'Local',
    outside: 'From outside',
  },
  talentKind: {
    side_job: 'Side job',
    dual_work: 'Dual work',
    intern: 'Intern',
    professional: 'Professional',
    senior: 'Senior',
    other: 'Other talent',
  },
  eventKind: {
    council: 'Council',
    info_sharing: 'Information-sharing meeting',
    seminar: 'Seminar',
    matching: 'Matching event',
    internship: 'Internship',
    follow_up: 'Follow-up',
    hearing: 'Hearing',
  },
  introductionStatus: {
    suggested: 'Suggested',
    accepted: 'Accepted',
    made: 'Made',
    declined: 'Declined',
  },
  knowsSource: {
    seed: 'Initial data',
    survey: 'Survey',
    introduction: 'Introduction',
    event: 'Event',
    manual: 'Entered by hand',
  },
  supportKind: {
    lending: 'Lending',
    membership: 'Membership',
    advisory: 'Advisory',
    program: 'Programme',
  },
  engagementStatus: {
    proposed: 'Proposed',
    interviewing: 'Interviewing',
    contracted: 'Contracted',
    active: 'Active',
    completed: 'Completed',
    dropped: 'Dropped',
  },
  gapKind: {
    UNSUPPORTED_SME: 'SME without support',
    COORDINATION_GAP: 'Support organisations not working together',
    KEY_PERSON_DEPENDENCY: 'Dependence on one person',
    ISOLATED_NEWCOMER: 'Isolated newcomer',
    FOLLOW_UP_OVERDUE: 'Follow-up overdue',
    COMMUNITY_SILO: 'Group cut off from the key persons',
    FUNCTION_UNCOVERED: 'Missing function',
  },
  relType: {
    LEADS: 'Leads',
    MEMBER_OF: 'Member of',
    COVERS: 'Covers',
    WORKS_AT: 'Works at',
    KNOWS: 'Knows',
    SUPPORTS: 'Supports',
    PARTNERS_WITH: 'Partners with',
    HAS_CHALLENGE: 'Business challenge',
    HAS_SKILL: 'Skill',
    ADDRESSES: 'Addresses',
    ENGAGED_WITH: 'Engaged with',
    ATTENDED: 'Attended',
    HOSTED: 'Hosted',
    PARTICIPATED: 'Participated',
    LOCATED_IN: 'Located in',
    FROM: 'From',
    TO: 'To',
    VIA: 'Via',
  },
};
