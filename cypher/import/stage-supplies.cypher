// Staged import: supplies between staged firms, as parallel lists (a smaller message than one map a row).
UNWIND range(0, size($suppliers) - 1) AS i
MATCH (s) WHERE id(s) = $suppliers[i]
MATCH (b) WHERE id(b) = $buyers[i]
CREATE (s)-[:SUPPLIES {yearKey: $yearKeys[i], value: $values[i], year: $years[i], product: $products[i]}]->(b)
RETURN count(*) AS written
