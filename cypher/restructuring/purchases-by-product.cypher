// A firm's purchases per supplier and product, in the latest year of each supplier→buyer pair (the
// values the model uses, split by product). Supplies never cross generations.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (s:Firm)-[r:SUPPLIES]->(:Firm {id: $id, gen: meta.generation})
WITH s, max(r.yearKey) AS latest, collect(r) AS supplies
UNWIND [x IN supplies WHERE x.yearKey = latest] AS x
RETURN s.id AS supplier, x.product AS product, sum(x.value) AS value
