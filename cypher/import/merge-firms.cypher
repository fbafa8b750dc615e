// Upserts firms of the current generation by id; absent optional fields arrive as null and so are removed.
MATCH (m:Meta {key: 'dataVersion'})
UNWIND $rows AS row
MERGE (f:Firm {id: row.id, gen: m.generation})
SET f += row
RETURN count(*) AS written
