// Regions with the organisations located in them (the case regions and their organisations).
MATCH (r:Region)
OPTIONAL MATCH (o:Organization)-[:LOCATED_IN]->(r)
RETURN r.id AS id, r.name AS name, r.prefecture AS prefecture, collect(o.id) AS orgIds
ORDER BY id
