// Every region a 地域の人事部 covers, with the dept and its phase (regionsOverview, SPEC §12).
// A COVERS tie valid on $asOf only (since ≤ $asOf < until; no since/until = always).
MATCH (d:RegionalHRDept)-[c:COVERS]->(r:Region)
WHERE (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf)
RETURN r.id AS regionId, r.name AS regionName, r.nameEn AS regionNameEn,
       r.prefecture AS prefecture, d.id AS deptId, d.name AS deptName, d.phase AS phase
ORDER BY r.id, d.id
