MATCH (a:Application {id: $id})-[:FOR_CALL]->(c:Call)
OPTIONAL MATCH (a)-[:OF_FIRM]->(f:Firm)
RETURN properties(a) AS application, properties(c) AS call, properties(f) AS firm
