// Upserts firms by id; absent optional fields arrive as null and so are removed.
UNWIND $rows AS row
MERGE (f:Firm {id: row.id})
SET f += row
RETURN count(*) AS written
