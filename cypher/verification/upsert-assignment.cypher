MATCH (a:Application {id: $applicationId})
MERGE (a)-[:HAS_ASSIGNMENT]->(x:Assignment {evaluator: $evaluator})
ON CREATE SET x.applicationId = $applicationId, x.callId = a.callId, x.assignedAt = $at, x.assignedBy = $by, x.conflict = null,
              x.statement = ''
SET x.panel = $panel
RETURN properties(x) AS assignment
