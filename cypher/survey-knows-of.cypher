// The KNOWS ties of a person (either direction), with the other person and the tie's properties.
MATCH (a:Person {id: $personId})-[k:KNOWS]-(b:Person)
RETURN b.id AS other, properties(k) AS props
