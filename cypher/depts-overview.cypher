// Every 地域の人事部 with its lead (主体組織), members (構成機関) and covered regions, for the landing page.
MATCH (d:RegionalHRDept)
OPTIONAL MATCH (lead:Organization)-[:LEADS]->(d)
OPTIONAL MATCH (d)-[:COVERS]->(r:Region)
WITH d, lead, collect(DISTINCT r.name) AS regions
OPTIONAL MATCH (m:Organization)-[:MEMBER_OF]->(d)
WITH d, lead, regions, m ORDER BY m.name
RETURN d.id AS id, d.name AS name, d.phase AS phase, lead.name AS lead, regions,
       collect(m.name) AS members
ORDER BY id
