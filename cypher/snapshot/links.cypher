MATCH (s:Firm)-[r:SUPPLIES]->(b:Firm)
RETURN s.id AS supplier, b.id AS buyer, r.value AS value, r.yearKey AS year
