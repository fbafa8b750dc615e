// Supplies among a set of firms (ego networks, subgraph views, paths): one row per supplier→buyer pair
// with the value the model uses (the latest year's total; that year's when $year is given), kept when that
// value is at least $minValue.
MATCH (meta:Meta {key: 'dataVersion'})
UNWIND $ids AS id
MATCH (:Firm {id: id, gen: meta.generation})-[r:SUPPLIES]->(b:Firm)
WHERE b.id IN $ids AND ($year IS NULL OR r.yearKey = $year)
WITH id AS supplier, b.id AS buyer, max(r.yearKey) AS latest, collect(r) AS supplies
WITH supplier, buyer, reduce(total = 0.0, x IN supplies | total + CASE x.yearKey WHEN latest THEN x.value ELSE 0.0 END) AS value
WHERE value >= $minValue
RETURN supplier, buyer, value
