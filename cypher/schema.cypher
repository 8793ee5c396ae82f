// Schema of the chiiki-jinjibu graph (SPEC §2), applied idempotently at every start-up.
// Every node carries its own label and :Entity; ids are unique per label and across labels.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dept_id IF NOT EXISTS FOR (n:RegionalHRDept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sme_id IF NOT EXISTS FOR (n:SME) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT challenge_id IF NOT EXISTS FOR (n:Challenge) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE;
// Searching by name (the web map's search box) and filtering introductions by status.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX sme_name IF NOT EXISTS FOR (n:SME) ON (n.name);
CREATE INDEX introduction_status IF NOT EXISTS FOR (n:Introduction) ON (n.status);
// recordIntroduction finds the introduction a retry of the same request already recorded.
CREATE INDEX introduction_request_key IF NOT EXISTS FOR (n:Introduction) ON (n.requestKey);
// The graph version, bumped by every write, so cached analytics know when to reload.
CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE;
// Accounts (server/auth) and the audit log: not part of the domain graph (no :Entity label), so
// neither the analytics, the entity API nor imports ever see them.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE;
CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
// Tokens ended by a sign-out (server/auth/service.ts), kept until they would have expired.
CREATE CONSTRAINT revoked_token_jti IF NOT EXISTS FOR (n:RevokedToken) REQUIRE n.jti IS UNIQUE;
CREATE INDEX revoked_token_expires IF NOT EXISTS FOR (n:RevokedToken) ON (n.expiresAt);
// Staged imports (server/write/staged.ts): a large import writes its new nodes in batches of
// their own transactions as :ImportStaged (no domain label, so no reader sees them), each batch
// recorded by an :ImportBatch; its final transaction relabels them. An :ImportRun exists only
// inside that open transaction: a second process that can create one with the same id knows the
// import is gone and removes its batches.
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE;
CREATE INDEX import_batch_run IF NOT EXISTS FOR (n:ImportBatch) ON (n.run);
// Sign-in rate limits, shared by every server process (server/auth/rateLimitStore.ts).
CREATE CONSTRAINT rate_limit_key IF NOT EXISTS FOR (n:RateLimit) REQUIRE n.key IS UNIQUE;
// Survey waves (server/surveys): not part of the domain graph either (no :Entity).
CREATE CONSTRAINT survey_wave_id IF NOT EXISTS FOR (n:SurveyWave) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT survey_respondent_key IF NOT EXISTS FOR (n:SurveyRespondent) REQUIRE n.key IS UNIQUE;
CREATE INDEX survey_wave_dept IF NOT EXISTS FOR (n:SurveyWave) ON (n.deptId);
