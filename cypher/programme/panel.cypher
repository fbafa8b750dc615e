// The home region's firms with a history: the panel of the programme evaluation (its firms, partners, controls).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation AND f.region = $homeRegion AND f.historyJson IS NOT NULL
RETURN f.id AS id, f.sector AS sector, f.cohort AS cohort, f.historyJson AS historyJson
ORDER BY f.id
