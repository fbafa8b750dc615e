// Ends the firm's open spell the year before a change.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (:Firm {id: $firmId, gen: meta.generation})-[:HAD_TIER]->(t:TierSpell)
WHERE t.to IS NULL
SET t.to = $to
RETURN properties(t) AS spell
