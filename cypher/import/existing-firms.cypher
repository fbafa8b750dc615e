MATCH (m:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = m.generation
RETURN f.id AS id, f.revenue AS revenue, f.sector AS sector, f.valueAddedRatio AS valueAddedRatio, f.wageShare AS wageShare
