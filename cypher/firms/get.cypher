MATCH (f:Firm {id: $id})
RETURN properties(f) AS firm
