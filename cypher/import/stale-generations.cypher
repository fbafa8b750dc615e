// Generations no read sees and no import is staging: below the current one, and between it and the one
// being staged (or the next to be allocated). Firms in [current] and [upper, ∞) are kept.
OPTIONAL MATCH (m:Meta {key: 'dataVersion'})
RETURN coalesce(m.generation, 0) AS current,
       coalesce(m.staging, coalesce(m.lastGeneration, m.generation, 0) + 1) AS upper
