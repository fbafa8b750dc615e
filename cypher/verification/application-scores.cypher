MATCH (a:Application)-[:HAS_SCORE]->(s:Score)
WHERE a.id IN $ids
RETURN a.id AS applicationId, properties(s) AS score
ORDER BY s.at, s.id
