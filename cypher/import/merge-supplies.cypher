// Upserts supplies on supplier + buyer + year (yearKey is 0 when the year is not given).
UNWIND $rows AS row
MATCH (s:Firm {id: row.supplier})
MATCH (b:Firm {id: row.buyer})
MERGE (s)-[r:SUPPLIES {yearKey: row.yearKey}]->(b)
SET r.value = row.value, r.year = row.year, r.product = row.product
RETURN count(*) AS written
