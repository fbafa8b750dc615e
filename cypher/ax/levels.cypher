// The AI-transformation readiness (0–5) of the given firms; null where unknown.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation AND f.id IN $ids
RETURN f.id AS id, f.axLevel AS axLevel
