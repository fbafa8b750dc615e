MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm {id: $firmId, gen: meta.generation})
CREATE (f)-[:HAD_TIER]->(t:TierSpell {firmId: $firmId, tier: $tier, from: $from, to: $to, source: $source,
                                      callId: $callId, recordedAt: $at, recordedBy: $by})
RETURN properties(t) AS spell
