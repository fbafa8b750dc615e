// Every supply of the given suppliers of the current generation (after a merge: those with upserted supplies).
MATCH (meta:Meta {key: 'dataVersion'})
UNWIND $ids AS id
MATCH (s:Firm {id: id, gen: meta.generation})
RETURN s.id AS supplier, [(s)-[r:SUPPLIES]->(b) | [b.id, r.value, r.yearKey]] AS links
