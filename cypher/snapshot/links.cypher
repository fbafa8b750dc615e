// Supplies grouped by supplier (one record per supplier instead of one per link), with both ends as
// internal node ids: no property of the buyer is read, and integers are cheaper to send than id strings.
// Suppliers are split into $parts parts by node id, read at once in transactions of their own.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (s:Firm)-[r:SUPPLIES]->(b)
WHERE s.gen = meta.generation AND id(s) % $parts = $part
WITH s, collect(id(b)) AS buyers, collect(r.value) AS values, collect(r.yearKey) AS years
RETURN id(s) AS supplier, buyers, values, years
