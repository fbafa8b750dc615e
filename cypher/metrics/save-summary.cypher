MERGE (m:Meta {key: 'metrics'})
SET m += $summary, m.dataVersion = $dataVersion, m.computedAt = datetime()
