// A firm's buyers with the values the model uses (latest year per pair).
MATCH (:Firm {id: $id})-[r:SUPPLIES]->(b:Firm)
RETURN b.id AS id, b.name AS name, b.nameKo AS nameKo, b.tier AS tier, b.sector AS sector, b.region AS region,
       r.yearKey AS yearKey, r.value AS value
