MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm {id: $id, gen: meta.generation})
RETURN properties(f) AS firm
