MATCH (c:Call {id: $id})
RETURN properties(c) AS call
