MATCH (m:Meta {key: 'dataVersion'})
MATCH (s:Firm)-[r:SUPPLIES]->(b:Firm)
WHERE s.gen = m.generation
RETURN s.id AS supplier, b.id AS buyer, r.value AS value, r.year AS year
