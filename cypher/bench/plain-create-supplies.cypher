// Benchmark baseline: a plain UNWIND … CREATE batch of supplies, both ends found by the id index.
UNWIND $rows AS row
MATCH (s:PlainFirm {id: row.supplier})
MATCH (b:PlainFirm {id: row.buyer})
CREATE (s)-[:PLAIN_SUPPLIES {yearKey: row.yearKey, value: row.value, year: row.year, product: row.product}]->(b)
RETURN count(*) AS written
