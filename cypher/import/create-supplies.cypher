// Replace mode: the supplies are new, so CREATE is safe and much faster than MERGE.
UNWIND $rows AS row
MATCH (s:Firm {id: row.supplier})
MATCH (b:Firm {id: row.buyer})
CREATE (s)-[:SUPPLIES {yearKey: row.yearKey, value: row.value, year: row.year, product: row.product}]->(b)
RETURN count(*) AS written
