UNWIND $ids AS id
MATCH (f:Firm {id: id})
RETURN properties(f) AS firm
