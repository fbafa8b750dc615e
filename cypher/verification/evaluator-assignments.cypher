// What one evaluator is asked to score, across calls: only their own assignments.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (a:Application)-[:HAS_ASSIGNMENT]->(x:Assignment {evaluator: $evaluator})
MATCH (a)-[:FOR_CALL]->(c:Call)
OPTIONAL MATCH (a)-[:OF_FIRM]->(f:Firm)
  WHERE f.gen = meta.generation
OPTIONAL MATCH (a)-[:HAS_SCORE]->(s:Score {kind: 'presentation', evaluator: $evaluator})
RETURN properties(x) AS assignment, a.id AS applicationId, a.stage AS stage, a.status AS status, a.firmId AS firmId,
       f.name AS name, f.nameKo AS nameKo, c.id AS callId, c.title AS callTitle, c.year AS year,
       s.score AS score, s.notes AS notes, s.at AS scoredAt
ORDER BY c.year DESC, a.createdAt
