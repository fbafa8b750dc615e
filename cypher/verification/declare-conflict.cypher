MATCH (:Application {id: $applicationId})-[:HAS_ASSIGNMENT]->(x:Assignment {evaluator: $evaluator})
WITH x, properties(x) AS before
SET x.conflict = $conflict, x.statement = $statement, x.declaredAt = $at
RETURN before, properties(x) AS assignment
