// Migration, run by every schema apply (server/db/schema.ts): introductions recorded before
// 2026-12 do not carry recordedBy (who recorded them, shown in the introductions log); it is
// taken from their audit entry (introduction.record, whose target is the introduction's id).
// New introductions get it when recorded (server/write/commands/recordIntroduction.ts).
MATCH (a:AuditEntry {action: 'introduction.record'})
WHERE a.target IS NOT NULL
MATCH (i:Entity {id: a.target})
WHERE i:Introduction AND i.recordedBy IS NULL
SET i.recordedBy = a.actor
RETURN count(i) AS migrated
