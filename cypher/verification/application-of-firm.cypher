MATCH (a:Application {callId: $callId, firmId: $firmId})
RETURN a.id AS id
