// Which of the APOC functions @neo4j/graphql calls the server provides.
SHOW FUNCTIONS YIELD name WHERE name IN $names RETURN name
