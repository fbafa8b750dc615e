// The AI-transformation readiness (0–5) of the given firms; null where unknown.
MATCH (f:Firm)
WHERE f.id IN $ids
RETURN f.id AS id, f.axLevel AS axLevel
