MATCH (meta:Meta {key: 'dataVersion'})
UNWIND $ids AS id
MATCH (f:Firm {id: id, gen: meta.generation})
RETURN properties(f) AS firm
