// A firm's suppliers with the values the model uses (latest year per pair).
MATCH (s:Firm)-[r:SUPPLIES]->(:Firm {id: $id})
RETURN s.id AS id, s.name AS name, s.nameKo AS nameKo, s.tier AS tier, s.sector AS sector, s.region AS region,
       r.yearKey AS yearKey, r.value AS value
