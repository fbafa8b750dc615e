// A firm's buyers, one row per buyer with the value the model uses (the latest year's total; that year's
// when $year is given).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (:Firm {id: $id, gen: meta.generation})-[r:SUPPLIES]->(b:Firm)
WHERE ($year IS NULL OR r.yearKey = $year)
WITH b, max(r.yearKey) AS latest, collect(r) AS supplies
RETURN b.id AS id, b.name AS name, b.nameKo AS nameKo, b.tier AS tier, b.sector AS sector, b.region AS region,
       reduce(total = 0.0, x IN supplies | total + CASE x.yearKey WHEN latest THEN x.value ELSE 0.0 END) AS value
