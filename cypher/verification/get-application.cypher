MATCH (meta:Meta {key: 'dataVersion'})
MATCH (a:Application {id: $id})-[:FOR_CALL]->(c:Call)
OPTIONAL MATCH (a)-[:OF_FIRM]->(f:Firm)
  WHERE f.gen = meta.generation
RETURN properties(a) AS application, properties(c) AS call, properties(f) AS firm
