// Upserts supplies on supplier + buyer + year (yearKey is 0 when the year is not given), in the current
// generation.
MATCH (m:Meta {key: 'dataVersion'})
UNWIND $rows AS row
MATCH (s:Firm {id: row.supplier, gen: m.generation})
MATCH (b:Firm {id: row.buyer, gen: m.generation})
MERGE (s)-[r:SUPPLIES {yearKey: row.yearKey}]->(b)
SET r.value = row.value, r.year = row.year, r.product = row.product
RETURN count(*) AS written
