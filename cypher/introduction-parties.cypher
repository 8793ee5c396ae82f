// recordIntroduction: which of the given ids exist, and as what (Person or SME).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.name AS name,
       CASE WHEN n:Person THEN 'Person' WHEN n:SME THEN 'SME' ELSE head([l IN labels(n) WHERE l <> 'Entity']) END AS kind
