// Takes the write lock on an application at the start of a change (changes to one applicant serialise)
// and returns it with its call and firm as they stand once the lock is held.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (a:Application {id: $id})-[:FOR_CALL]->(c:Call)
SET a.version = a.version + 1
WITH meta, a, c
OPTIONAL MATCH (a)-[:OF_FIRM]->(f:Firm)
  WHERE f.gen = meta.generation
RETURN properties(a) AS application, properties(c) AS call, properties(f) AS firm
