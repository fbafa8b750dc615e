// A firm applies to a call; the (callId, firmId) constraint refuses a second application.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (c:Call {id: $callId})
MATCH (f:Firm {id: $firmId, gen: meta.generation})
CREATE (a:Application {id: $id, callId: $callId, firmId: $firmId, stage: 1, status: 'in-progress', version: 1,
                       createdAt: $at, createdBy: $by, notes: $notes, candidateScore: $candidateScore,
                       candidateRank: $candidateRank})
CREATE (a)-[:FOR_CALL]->(c)
CREATE (a)-[:OF_FIRM]->(f)
RETURN properties(a) AS application
