// Node counts by label, for /healthz. One count-store lookup per label (constant time);
// count first, then name it: a constant grouping key over no rows would return no row.
MATCH (n:Region) WITH count(n) AS count RETURN 'Region' AS label, count
UNION ALL
MATCH (n:RegionalHRDept) WITH count(n) AS count RETURN 'RegionalHRDept' AS label, count
UNION ALL
MATCH (n:Organization) WITH count(n) AS count RETURN 'Organization' AS label, count
UNION ALL
MATCH (n:SME) WITH count(n) AS count RETURN 'SME' AS label, count
UNION ALL
MATCH (n:Person) WITH count(n) AS count RETURN 'Person' AS label, count
UNION ALL
MATCH (n:KeyPerson) WITH count(n) AS count RETURN 'KeyPerson' AS label, count
UNION ALL
MATCH (n:Talent) WITH count(n) AS count RETURN 'Talent' AS label, count
UNION ALL
MATCH (n:Skill) WITH count(n) AS count RETURN 'Skill' AS label, count
UNION ALL
MATCH (n:Challenge) WITH count(n) AS count RETURN 'Challenge' AS label, count
UNION ALL
MATCH (n:Event) WITH count(n) AS count RETURN 'Event' AS label, count
UNION ALL
MATCH (n:Introduction) WITH count(n) AS count RETURN 'Introduction' AS label, count
