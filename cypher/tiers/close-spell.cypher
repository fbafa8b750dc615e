// Ends the firm's open spell the year before a change.
MATCH (:Firm {id: $firmId})-[:HAD_TIER]->(t:TierSpell)
WHERE t.to IS NULL
SET t.to = $to
RETURN properties(t) AS spell
