// The calendar years the current generation's supplies are recorded for, in order (undated supplies left out).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (s:Firm {gen: meta.generation})-[r:SUPPLIES]->()
WHERE r.yearKey > 0
RETURN DISTINCT r.yearKey AS year
ORDER BY year
