// Remove the nodes whose id starts with $prefix (tests clean up their own data with it).
MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
DETACH DELETE n
