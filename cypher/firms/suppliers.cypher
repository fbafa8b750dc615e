// A firm's suppliers, one row per supplier with the value the model uses (the latest year's total; that
// year's when $year is given).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (s:Firm)-[r:SUPPLIES]->(:Firm {id: $id, gen: meta.generation})
WHERE ($year IS NULL OR r.yearKey = $year)
WITH s, max(r.yearKey) AS latest, collect(r) AS supplies
RETURN s.id AS id, s.name AS name, s.nameKo AS nameKo, s.tier AS tier, s.sector AS sector, s.region AS region,
       reduce(total = 0.0, x IN supplies | total + CASE x.yearKey WHEN latest THEN x.value ELSE 0.0 END) AS value
