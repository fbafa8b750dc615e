// Each firm's tier and programme cohort as of a year ($ids null: every firm). The tier is the spell that
// covers the year when the firm's tier history has one, else the firm's current tier (basis 'current':
// no change recorded); the cohort is given once the year has reached it.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation AND ($ids IS NULL OR f.id IN $ids)
OPTIONAL MATCH (f)-[:HAD_TIER]->(t:TierSpell)
  WHERE coalesce(t.from, -1) <= $year AND (t.to IS NULL OR t.to >= $year)
WITH f, head(collect(t)) AS t
RETURN f.id AS id, coalesce(t.tier, f.tier) AS tier,
       CASE WHEN f.cohort IS NOT NULL AND f.cohort <= $year THEN f.cohort END AS cohort,
       CASE WHEN t IS NULL THEN 'current' ELSE 'history' END AS basis
ORDER BY id
