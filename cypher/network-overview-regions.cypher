// The regions of the overview (networkOverview, issue 16): every region the viewer reads
// ($regionIds; null = all) that a 地域の人事部 covers on $asOf — the regions the web app offers —
// with its name and prefecture.
MATCH (r:Region)
WHERE ($regionIds IS NULL OR r.id IN $regionIds)
  AND EXISTS {
    MATCH (:RegionalHRDept)-[c:COVERS]->(r)
    WHERE (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf)
  }
RETURN r.id AS id, r.name AS name, r.nameEn AS nameEn, r.prefecture AS prefecture
ORDER BY id
