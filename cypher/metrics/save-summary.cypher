MATCH (v:Meta {key: 'dataVersion'})
WHERE v.value = $dataVersion
MERGE (m:Meta {key: 'metrics'})
SET m += $summary, m.dataVersion = $dataVersion, m.computedAt = datetime()
RETURN count(*) AS written
