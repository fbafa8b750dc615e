// A call's applicants with their firms' names and current tier, in the order they applied.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (a:Application)-[:FOR_CALL]->(:Call {id: $callId})
OPTIONAL MATCH (a)-[:OF_FIRM]->(f:Firm)
  WHERE f.gen = meta.generation
RETURN properties(a) AS application, f.name AS name, f.nameKo AS nameKo, f.tier AS tier
ORDER BY a.createdAt, a.id
