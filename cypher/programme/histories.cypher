// Histories of the programme's firms and of the home region's other SMEs (the comparison group).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation AND f.historyJson IS NOT NULL AND (f.cohort IS NOT NULL OR (f.tier = 'sme' AND f.region = $homeRegion))
RETURN f.cohort AS cohort, f.historyJson AS historyJson
