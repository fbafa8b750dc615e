MATCH (a:Application {id: $id})-[:HAS_EVENT]->(e:StageEvent)
RETURN properties(e) AS event
ORDER BY e.at, e.seq
