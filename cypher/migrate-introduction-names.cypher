// Migration, run by every schema apply (server/db/schema.ts): introductions recorded before
// 2026-12 were named 「from.name → to.name」, real names that every reader of the introduction
// saw. They get the name new introductions get (introductionName(): 「紹介 date id-prefix」).
// Introductions are written only by recordIntroduction, so ' → ' marks exactly the old names.
MATCH (i:Introduction)
WHERE i.name CONTAINS ' → '
SET i.name = '紹介 ' + coalesce(substring(i.createdAt, 0, 10), '') + ' ' + substring(i.id, 0, 8)
RETURN count(i) AS renamed
