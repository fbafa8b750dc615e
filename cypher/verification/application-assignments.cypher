MATCH (a:Application)-[:HAS_ASSIGNMENT]->(x:Assignment)
WHERE a.id IN $ids
RETURN a.id AS applicationId, properties(x) AS assignment
ORDER BY x.assignedAt, x.evaluator
