// Supplies grouped by supplier: one record per supplier instead of one per link, which makes streaming
// a million links several times faster.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (s:Firm)-[r:SUPPLIES]->(b:Firm)
WHERE s.gen = meta.generation
WITH s, collect(b.id) AS buyers, collect(r.value) AS values, collect(r.yearKey) AS years
RETURN s.id AS supplier, buyers, values, years
