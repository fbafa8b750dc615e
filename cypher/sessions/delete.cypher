MATCH (s:Session {hash: $hash})
DETACH DELETE s
