// A firm's dated tier history: one spell per tier it held, oldest first (from null: since before the history).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (:Firm {id: $id, gen: meta.generation})-[:HAD_TIER]->(t:TierSpell)
RETURN properties(t) AS spell
ORDER BY coalesce(t.from, -1), t.recordedAt
