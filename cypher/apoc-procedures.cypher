// Which of the APOC procedures @neo4j/graphql calls the server provides.
SHOW PROCEDURES YIELD name WHERE name IN $names RETURN name
